package io.peersocket.internal.annotation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PayloadConverter;
import io.peersocket.client.ClientListener;
import io.peersocket.client.RelayClient;
import io.peersocket.peer.Peer;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the {@code @PacketHandler(client = "<name>")} beans: one handler per named
 * connection, each checked at startup (its methods, that its connection is configured),
 * created lazily.
 */
public final class ClientHandlerScanner {

    /**
     * The handler of one named connection.
     *
     * @param beanName the bean
     * @param listener its signals
     * @param writeMode the write mode it asks for, or {@code null} for the connection's
     */
    public record DeclaredClient(String beanName, ClientListener listener, @Nullable WriteMode writeMode) {
    }

    private final ListableBeanFactory beanFactory;

    private final @Nullable PayloadConverter converter;

    /**
     * @param beanFactory where the handler beans are
     * @param converter JSON for record/POJO parameters and results, or {@code null}
     */
    public ClientHandlerScanner(ListableBeanFactory beanFactory, @Nullable PayloadConverter converter) {
        this.beanFactory = beanFactory;
        this.converter = converter;
    }

    /**
     * @param connections the names of the configured connections
     * @return the handler per connection name
     * @throws IllegalStateException naming the bean when a handler is invalid, names an
     * unknown connection, or shares its connection with another
     */
    public Map<String, DeclaredClient> scan(Set<String> connections) {
        Map<String, DeclaredClient> handlers = new LinkedHashMap<>();
        for (String beanName : this.beanFactory.getBeanNamesForAnnotation(PacketHandler.class)) {
            PacketHandler annotation = this.beanFactory.findAnnotationOnBean(beanName, PacketHandler.class);
            Class<?> type = this.beanFactory.getType(beanName);
            if (annotation == null || type == null || annotation.client().isEmpty()) {
                continue;
            }
            ClientHandlerDeclaration declaration = ClientHandlerDeclaration.of(beanName, annotation);
            String client = declaration.client();
            if (!connections.contains(client)) {
                throw new IllegalStateException("@PacketHandler bean '" + beanName + "' handles client '" + client
                        + "' but there is no peersocket.client.connections." + client + ".url"
                        + (connections.isEmpty() ? "" : " (configured: " + connections + ")"));
            }
            DeclaredClient declared = new DeclaredClient(beanName, listenerFor(beanName, type),
                    declaration.writeMode());
            DeclaredClient previous = handlers.putIfAbsent(client, declared);
            if (previous != null) {
                throw new IllegalStateException("@PacketHandler beans '" + previous.beanName() + "' and '" + beanName
                        + "' both handle client '" + client + "'; keep one");
            }
        }
        return handlers;
    }

    private ClientListener listenerFor(String beanName, Class<?> type) {
        Supplier<Object> bean = SingletonSupplier.of(() -> this.beanFactory.getBean(beanName));
        AnnotatedClientListener annotated = AnnotatedClientListener.of(beanName, type, bean, this.converter);
        if (annotated.isEmpty() && ClientListener.class.isAssignableFrom(type)) {
            return new LazyClientListener(bean);
        }
        if (annotated.isEmpty()) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' handles a client but has no "
                    + "@ConnectionEstablished, @DataReceived, @ServerCloseRequest, @ConnectionClosed or "
                    + "@ConnectionError method and is no ClientListener");
        }
        return annotated;
    }

    /** A {@link ClientListener} bean, fetched on first use. */
    private record LazyClientListener(Supplier<Object> bean) implements ClientListener {

        private ClientListener target() {
            return (ClientListener) this.bean.get();
        }

        @Override
        public void connectionEstablished(Peer server, String protocol) {
            target().connectionEstablished(server, protocol);
        }

        @Override
        public void dataReceived(Peer server) {
            target().dataReceived(server);
        }

        @Override
        public void serverCloseRequest(Peer server, int code, String reason) {
            target().serverCloseRequest(server, code, reason);
        }

        @Override
        public void connectionClosed(Peer server, boolean wasClean) {
            target().connectionClosed(server, wasClean);
        }

        @Override
        public void connectionError(Peer server, Throwable cause) {
            target().connectionError(server, cause);
        }

        @Override
        public void peerConnected(RelayClient relay, int id) {
            target().peerConnected(relay, id);
        }

        @Override
        public void peerDisconnected(RelayClient relay, int id) {
            target().peerDisconnected(relay, id);
        }

        @Override
        public void connectionSucceeded(RelayClient relay) {
            target().connectionSucceeded(relay);
        }

        @Override
        public void peerPacket(RelayClient relay, int source) {
            target().peerPacket(relay, source);
        }

        @Override
        public void serverDisconnected(RelayClient relay) {
            target().serverDisconnected(relay);
        }

        @Override
        public void connectionFailed(RelayClient relay, Throwable cause) {
            target().connectionFailed(relay, cause);
        }

    }

}
