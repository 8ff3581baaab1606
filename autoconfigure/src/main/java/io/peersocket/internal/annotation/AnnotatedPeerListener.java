package io.peersocket.internal.annotation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.peersocket.annotation.PacketExceptionHandler;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PayloadConverter;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

/**
 * Adapts a {@link PacketHandler} bean to the engine's signals: calls the bound method
 * with its arguments, sends back a non-void result, and routes what a method throws to
 * the bean's {@link PacketExceptionHandler} (else on to the core, which logs and counts
 * it). On a relay endpoint it gives the peer signals ({@link MultiplayerListener}) and
 * answers from peer 1.
 */
public final class AnnotatedPeerListener implements PeerListener, MultiplayerListener {

    private final Map<Signal, HandlerMethod> methods;

    private final @Nullable PayloadConverter converter;

    private final String description;

    private AnnotatedPeerListener(Map<Signal, HandlerMethod> methods, @Nullable PayloadConverter converter,
            String description) {
        this.methods = methods;
        this.converter = converter;
        this.description = description;
    }

    /**
     * Resolves every signal method of a handler class; fails naming the bean and method
     * when one cannot be bound.
     * @param beanName the bean's name, for messages
     * @param type the bean's class
     * @param bean supplies the instance (looked up lazily, so the handler may inject the
     * server)
     * @param converter JSON reading and writing, or {@code null} when the application has
     * no JSON mapper
     * @return the listener
     * @throws IllegalStateException when a method cannot be bound
     */
    public static AnnotatedPeerListener of(String beanName, Class<?> type, Supplier<Object> bean,
            @Nullable PayloadConverter converter) {
        HandlerMethodResolver resolver = new HandlerMethodResolver(beanName, converter);
        return new AnnotatedPeerListener(resolver.resolve(type, bean), converter, "@PacketHandler " + beanName);
    }

    /**
     * @return whether the class has any signal method
     */
    public boolean isEmpty() {
        return this.methods.isEmpty();
    }

    /**
     * @return the signals this handler has a method for
     */
    Set<Signal> signals() {
        return this.methods.keySet();
    }

    /**
     * @return the method bound to a signal, for messages
     */
    @Nullable HandlerMethod method(Signal signal) {
        return this.methods.get(signal);
    }

    /**
     * Calls the method bound to a signal, as the server signals do; used by
     * {@link AnnotatedClientListener}.
     * @param signal the signal
     * @param context what it carries
     */
    void signal(Signal signal, SignalContext context) {
        call(signal, context);
    }

    @Override
    public void clientConnected(Peer peer, String protocol) {
        call(Signal.CONNECTED, SignalContext.of(peer));
    }

    @Override
    public void dataReceived(Peer peer) {
        HandlerMethod method = this.methods.get(Signal.DATA);
        if (method == null) {
            return; // the packet stays queued for Peer.getPacket(), as in the engine
        }
        Packet packet = null;
        if (method.takesPayload()) {
            packet = peer.nextPacket();
            if (packet == null) {
                return; // already read by the application through getPacket()
            }
        }
        call(Signal.DATA, new SignalContext(peer, peer.protocol(), packet, 0, "", false, null));
    }

    @Override
    public void clientCloseRequest(Peer peer, int code, String reason) {
        call(Signal.CLOSE_REQUEST, new SignalContext(peer, peer.protocol(), null, code, reason, false, null));
    }

    @Override
    public void clientDisconnected(Peer peer, boolean wasClean) {
        call(Signal.DISCONNECTED, new SignalContext(peer, peer.protocol(), null, 0, "", wasClean, null));
    }

    @Override
    public void peerConnected(RelayServer relay, Peer peer) {
        call(Signal.PEER_CONNECTED, SignalContext.relay(relay, peer, 0, null));
    }

    @Override
    public void peerDisconnected(RelayServer relay, Peer peer) {
        call(Signal.PEER_DISCONNECTED, SignalContext.relay(relay, peer, 0, null));
    }

    @Override
    public void peerPacket(RelayServer relay, Peer source, int target, byte[] payload) {
        call(Signal.PEER_PACKET, SignalContext.relay(relay, source, target, new Packet(payload, false)));
    }

    private void call(Signal signal, SignalContext context) {
        HandlerMethod method = this.methods.get(signal);
        if (method == null) {
            return;
        }
        Object result;
        try {
            result = method.invoke(context);
        }
        catch (Throwable ex) {
            result = handleError(context, ex);
        }
        if (result != null) {
            reply(context, result, VariantArguments.isVariantResult(method.method(), result));
        }
    }

    private @Nullable Object handleError(SignalContext context, Throwable error) {
        HandlerMethod handler = this.methods.get(Signal.ERROR);
        Class<?> accepted = (handler != null) ? errorType(handler) : null;
        if (handler == null || accepted == null || !accepted.isInstance(error)) {
            throw (error instanceof RuntimeException runtime) ? runtime : new IllegalStateException(error);
        }
        try {
            return handler.invoke(context.withError(error));
        }
        catch (Throwable ex) {
            ex.addSuppressed(error);
            throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
        }
    }

    private static Class<?> errorType(HandlerMethod handler) {
        for (Class<?> type : handler.method().getParameterTypes()) {
            if (Throwable.class.isAssignableFrom(type)) {
                return type;
            }
        }
        return Throwable.class;
    }

    // A result answers in the mode of the packet it answers; otherwise String is text and
    // bytes
    // follow the peer's write mode. Other objects are written as JSON text.
    private void reply(SignalContext context, Object result, boolean variant) {
        Peer peer = context.peer();
        Packet answered = context.packet();
        byte[] data;
        WriteMode mode;
        if (variant) {
            // as put_var: the engine's Variant encoding, in the mode of the packet
            // answered
            data = peer.variantSettings().codec().encode(result);
            mode = (answered != null) ? modeOf(answered) : peer.getWriteMode();
        }
        else if (result instanceof Packet packet) {
            data = packet.data();
            mode = packet.string() ? WriteMode.TEXT : WriteMode.BINARY;
        }
        else if (result instanceof byte[] || result instanceof ByteBuffer) {
            data = (result instanceof byte[] bytes) ? bytes : toBytes((ByteBuffer) result);
            mode = (answered != null) ? modeOf(answered) : peer.getWriteMode();
        }
        else if (result instanceof CharSequence text) {
            data = text.toString().getBytes(StandardCharsets.UTF_8);
            mode = (answered != null) ? modeOf(answered) : WriteMode.TEXT;
        }
        else if (this.converter != null) {
            data = this.converter.write(result);
            mode = WriteMode.TEXT;
        }
        else {
            throw new IllegalStateException(this.description + " returned a " + result.getClass().getName()
                    + " but there is no JSON mapper to write it");
        }
        RelayServer relay = context.relay();
        if (relay != null) {
            relay.putPacket(peer.id(), data); // from peer 1 to this client alone; relay
                                              // frames are binary
            return;
        }
        peer.send(data, mode);
    }

    private static WriteMode modeOf(Packet packet) {
        return packet.string() ? WriteMode.TEXT : WriteMode.BINARY;
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return this.description;
    }

}
