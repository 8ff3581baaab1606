package io.peersocket.internal.transport.reactive;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.logging.LogSafe;
import io.peersocket.peer.Packet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * Reads one peer's messages with demand: one message is requested at a time while the
 * peer's input queue has room, so a full queue stops reading from the socket (TCP
 * backpressure) instead of dropping data, and {@link #resume()} starts it again. Shared
 * by the server's dedicated port and the client ({@code io.peersocket.client}).
 */
public final class InboundSubscriber extends BaseSubscriber<WebSocketMessage> {

    private static final Log logger = LogFactory.getLog(InboundSubscriber.class);

    private final PeerEndpoint endpoint;

    private final PeerSession peer;

    private final ReactiveConnection connection;

    private final Sinks.Empty<Void> done = Sinks.empty();

    public InboundSubscriber(PeerEndpoint endpoint, PeerSession peer, ReactiveConnection connection) {
        this.endpoint = endpoint;
        this.peer = peer;
        this.connection = connection;
    }

    /**
     * @return completes when the inbound side has ended
     */
    public Sinks.Empty<Void> done() {
        return this.done;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(1);
    }

    @Override
    protected void hookOnNext(WebSocketMessage message) {
        WebSocketMessage.Type type = message.getType();
        if (type != WebSocketMessage.Type.TEXT && type != WebSocketMessage.Type.BINARY) {
            request(1); // pings and pongs are answered by the protocol layer, as in the
                        // engine
            return;
        }
        // The frame is released when this returns: the packet keeps a copy.
        DataBuffer payload = message.getPayload();
        byte[] data = new byte[payload.readableByteCount()];
        payload.read(data);
        if (this.endpoint.received(this.peer, new Packet(data, type == WebSocketMessage.Type.TEXT))) {
            request(1);
        }
    }

    void resume() {
        request(1);
    }

    @Override
    protected void hookOnError(Throwable error) {
        if (error instanceof TooLongFrameException) {
            // A fragmented message grew past the input limit and the frame aggregator,
            // which does not
            // close, saw it first. FrameGuard normally refuses such a message before the
            // aggregator.
            logger.debug(this.peer + " sent a message over the input limit of " + this.endpoint.limits().inKiB()
                    + " KiB; closing with 1009");
            this.connection.closeNow(1009, "Message too big");
        }
        else if (error instanceof CorruptedWebSocketFrameException corrupted) {
            logger.debug(this.peer + " broke the protocol; closed with " + corrupted.closeStatus().code() + ": "
                    + LogSafe.text(error.getMessage()));
        }
        else {
            logger.debug(this.peer + " failed", error);
        }
    }

    @Override
    protected void hookFinally(SignalType type) {
        this.connection.finish();
        this.done.tryEmitEmpty();
    }

    @Override
    public String toString() {
        return "InboundSubscriber[" + this.peer + "]";
    }

}
