package io.peersocket.internal.annotation;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.peersocket.annotation.ConnectionClosed;
import io.peersocket.annotation.ConnectionError;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketExceptionHandler;
import io.peersocket.annotation.PayloadConverter;
import io.peersocket.annotation.ServerCloseRequest;
import io.peersocket.client.ClientListener;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/**
 * Adapts a {@code @PacketHandler(client = ...)} bean to the client signals: methods
 * annotated {@link ConnectionEstablished}, {@link DataReceived},
 * {@link ServerCloseRequest}, {@link ConnectionClosed}, {@link ConnectionError} and
 * {@link PacketExceptionHandler}, with their parameters resolved and results sent back
 * exactly as for a server handler.
 */
public final class AnnotatedClientListener implements ClientListener {

    private final AnnotatedPeerListener methods;

    private final String description;

    private AnnotatedClientListener(AnnotatedPeerListener methods, String description) {
        this.methods = methods;
        this.description = description;
    }

    /**
     * Resolves every client signal method of a handler class; fails naming the bean and
     * method when one cannot be bound or is a server signal.
     * @param beanName the bean's name, for messages
     * @param type the bean's class
     * @param bean supplies the instance
     * @param converter JSON reading and writing, or {@code null}
     * @return the listener
     * @throws IllegalStateException when a method cannot be bound
     */
    public static AnnotatedClientListener of(String beanName, Class<?> type, Supplier<Object> bean,
            @Nullable PayloadConverter converter) {
        AnnotatedPeerListener methods = AnnotatedPeerListener.of(beanName, type, bean, converter);
        Set<Signal> server = EnumSet.noneOf(Signal.class);
        server.addAll(methods.signals());
        server.retainAll(Signal.SERVER_ONLY);
        if (!server.isEmpty()) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' is a client handler but has "
                    + server.stream().map(Signal::label).collect(Collectors.joining(", "))
                    + " methods, which are server signals; use @ConnectionEstablished, @DataReceived, "
                    + "@ServerCloseRequest, @ConnectionClosed and @ConnectionError");
        }
        return new AnnotatedClientListener(methods, "@PacketHandler(client) " + beanName);
    }

    /**
     * @return whether the class has no signal method
     */
    public boolean isEmpty() {
        return this.methods.isEmpty();
    }

    @Override
    public void connectionEstablished(Peer server, String protocol) {
        this.methods.signal(Signal.CONNECTION_ESTABLISHED,
                new SignalContext(server, protocol, null, 0, "", false, null));
    }

    @Override
    public void dataReceived(Peer server) {
        this.methods.dataReceived(server);
    }

    @Override
    public void serverCloseRequest(Peer server, int code, String reason) {
        this.methods.signal(Signal.SERVER_CLOSE_REQUEST,
                new SignalContext(server, server.protocol(), null, code, reason, false, null));
    }

    @Override
    public void connectionClosed(Peer server, boolean wasClean) {
        this.methods.signal(Signal.CONNECTION_CLOSED,
                new SignalContext(server, server.protocol(), null, 0, "", wasClean, null));
    }

    @Override
    public void connectionError(Peer server, Throwable cause) {
        this.methods.signal(Signal.CONNECTION_ERROR, new SignalContext(server, "", null, 0, "", false, cause));
    }

    @Override
    public String toString() {
        return this.description;
    }

}
