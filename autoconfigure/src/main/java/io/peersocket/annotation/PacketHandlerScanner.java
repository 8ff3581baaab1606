package io.peersocket.annotation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the {@link PacketHandler} beans and groups them into endpoints: one per path, with a
 * handler per subprotocol. Works from bean types, so handlers are validated at startup and
 * created lazily (a handler may inject the server). Conflicts fail naming both beans.
 */
public final class PacketHandlerScanner {

    /**
     * One endpoint as declared by handler beans.
     *
     * @param path the path
     * @param listeners the handler per subprotocol ({@code ""}: no protocol)
     * @param writeMode the write mode the handlers ask for, or {@code null} for the default
     */
    public record DeclaredEndpoint(String path, Map<String, PeerListener> listeners, @Nullable WriteMode writeMode) {
    }

    private final ListableBeanFactory beanFactory;

    private final @Nullable PayloadConverter converter;

    /**
     * @param beanFactory where the handler beans are
     * @param converter JSON for record/POJO parameters and results, or {@code null}
     */
    public PacketHandlerScanner(ListableBeanFactory beanFactory, @Nullable PayloadConverter converter) {
        this.beanFactory = beanFactory;
        this.converter = converter;
    }

    /**
     * @param defaultPath the path for handlers that name none
     * @param defaultProtocols the protocols for handlers that name none
     * @return the endpoints, in bean order
     */
    public List<DeclaredEndpoint> scan(String defaultPath, List<String> defaultProtocols) {
        Map<String, Map<String, PeerListener>> byPath = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, WriteMode> modes = new LinkedHashMap<>();
        for (String beanName : this.beanFactory.getBeanNamesForAnnotation(PacketHandler.class)) {
            PacketHandler annotation = this.beanFactory.findAnnotationOnBean(beanName, PacketHandler.class);
            Class<?> type = this.beanFactory.getType(beanName);
            if (annotation == null || type == null || !annotation.client().isEmpty()) {
                continue; // client handlers belong to ClientHandlerScanner
            }
            String path = annotation.path().isEmpty() ? defaultPath : annotation.path();
            if (!path.startsWith("/")) {
                throw new IllegalStateException("@PacketHandler bean '" + beanName + "': path '" + path
                        + "' must start with '/'");
            }
            List<String> protocols = (annotation.protocols().length > 0) ? Arrays.asList(annotation.protocols())
                    : defaultProtocols;
            PeerListener listener = listenerFor(beanName, type);
            Map<String, PeerListener> listeners = byPath.computeIfAbsent(path, (p) -> new LinkedHashMap<>());
            for (String protocol : protocols.isEmpty() ? List.of("") : protocols) {
                String key = path + " " + protocol;
                String owner = owners.putIfAbsent(key, beanName);
                if (owner != null) {
                    throw new IllegalStateException("@PacketHandler beans '" + owner + "' and '" + beanName
                            + "' both handle path " + path + (protocol.isEmpty() ? " without a subprotocol"
                                    : " with subprotocol '" + protocol + "'")
                            + "; give each its own path or protocols");
                }
                listeners.put(protocol, listener);
            }
            if (annotation.writeMode().length > 0) {
                modes.put(path, annotation.writeMode()[0]);
            }
        }
        List<DeclaredEndpoint> endpoints = new ArrayList<>();
        byPath.forEach((path, listeners) -> endpoints.add(new DeclaredEndpoint(path, listeners, modes.get(path))));
        return endpoints;
    }

    private PeerListener listenerFor(String beanName, Class<?> type) {
        Supplier<Object> bean = SingletonSupplier.of(() -> this.beanFactory.getBean(beanName));
        AnnotatedPeerListener annotated = AnnotatedPeerListener.of(beanName, type, bean, this.converter);
        if (annotated.signals().stream().anyMatch(Signal.CLIENT_ONLY::contains)) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' has client signal methods "
                    + "(@ConnectionEstablished, @ServerCloseRequest, @ConnectionClosed, @ConnectionError) but names "
                    + "no client; add client = \"<connection name>\" or use the server signals");
        }
        if (annotated.isEmpty() && PeerListener.class.isAssignableFrom(type)) {
            return new LazyPeerListener(bean);
        }
        if (annotated.isEmpty()) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' has no @ClientConnected, "
                    + "@DataReceived, @ClientCloseRequest or @ClientDisconnected method and is no PeerListener");
        }
        return annotated;
    }

    /** A {@link PeerListener} bean, fetched on first use. */
    private record LazyPeerListener(Supplier<Object> bean) implements PeerListener {

        private PeerListener target() {
            return (PeerListener) this.bean.get();
        }

        @Override
        public void clientConnected(io.peersocket.peer.Peer peer, String protocol) {
            target().clientConnected(peer, protocol);
        }

        @Override
        public void dataReceived(io.peersocket.peer.Peer peer) {
            target().dataReceived(peer);
        }

        @Override
        public void clientCloseRequest(io.peersocket.peer.Peer peer, int code, String reason) {
            target().clientCloseRequest(peer, code, reason);
        }

        @Override
        public void clientDisconnected(io.peersocket.peer.Peer peer, boolean wasClean) {
            target().clientDisconnected(peer, wasClean);
        }

    }

}
