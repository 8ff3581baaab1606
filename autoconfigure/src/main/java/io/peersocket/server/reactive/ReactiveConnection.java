package io.peersocket.server.reactive;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.peersocket.core.CloseInfo;
import io.peersocket.core.Connection;
import io.peersocket.core.PeerSession;
import io.peersocket.peer.Packet;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One peer's connection on the reactive transport. Outgoing packets go through a unicast sink
 * that {@link WebSocketSession#send} drains as the socket becomes writable, so a slow reader
 * fills the peer's output limit (and then {@code put_packet} fails) instead of the heap.
 * Shared by the server's dedicated port and the client ({@code io.peersocket.client}).
 */
public final class ReactiveConnection implements Connection {

    private static final int OUTBOUND_LINK = 16;

    private final WebSocketSession session;

    private final Channel channel;

    private final InetSocketAddress remoteAddress;

    // Emissions are serialised by the peer's send lock and by this object's monitor. The queue
    // grows in links of 16: the default link of 256 slots cost every idle peer about 1 KiB of heap.
    private final Sinks.Many<Packet> outbound = Sinks.many().unicast()
        .onBackpressureBuffer(Queues.<Packet>unbounded(OUTBOUND_LINK).get());

    private @Nullable InboundSubscriber inbound;

    private @Nullable CloseStatus localClose;

    private volatile @Nullable CloseStatus closeStatus;

    private volatile boolean localCloseSent;

    public ReactiveConnection(WebSocketSession session, Channel channel, InetSocketAddress remoteAddress) {
        this.session = session;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        // Remembers the first close frame seen, sent or received (Reactor Netty emits both here).
        session.closeStatus().subscribe((status) -> this.closeStatus = status);
    }

    public void bind(InboundSubscriber inbound) {
        this.inbound = inbound;
    }

    /**
     * @param peer the peer whose packets these are
     * @return what the session sends: queued packets, then the close frame if one was asked for
     */
    public Mono<Void> sending(PeerSession peer) {
        Flux<WebSocketMessage> messages = this.outbound.asFlux().map((packet) -> {
            peer.written(packet);
            return toMessage(packet);
        });
        return this.session.send(messages).then(Mono.defer(() -> {
            CloseStatus close = this.localClose;
            return (close != null) ? this.session.close(close).doOnSuccess((done) -> this.localCloseSent = true)
                    : Mono.empty();
        }));
    }

    private WebSocketMessage toMessage(Packet packet) {
        return new WebSocketMessage(packet.string() ? WebSocketMessage.Type.TEXT : WebSocketMessage.Type.BINARY,
                this.session.bufferFactory().wrap(packet.data()));
    }

    @Override
    public synchronized void send(Packet packet) {
        this.outbound.tryEmitNext(packet);
    }

    @Override
    public synchronized void close(int code, String reason) {
        this.localClose = new CloseStatus(code, reason);
        this.outbound.tryEmitComplete();
    }

    /** The inbound side ended: lets the sending side end too. */
    synchronized void finish() {
        this.outbound.tryEmitComplete();
    }

    /** Closes at once with a code, without waiting for queued packets (protocol errors). */
    public void closeNow(int code, String reason) {
        this.session.close(new CloseStatus(code, reason)).subscribe();
    }

    /**
     * @param closedLocally whether the application asked for the close
     * @return how the connection ended, from the close frame seen, if any
     */
    public CloseInfo closeInfo(boolean closedLocally) {
        CloseStatus local = this.localClose;
        if (closedLocally && local != null && this.localCloseSent) {
            // Reactor Netty closes the socket as soon as our close frame is written, so the peer's
            // answer is never read: a close frame written whole counts as a clean close.
            return new CloseInfo(local.getCode(), local.getReason() != null ? local.getReason() : "", true, false);
        }
        CloseStatus status = this.closeStatus;
        if (status == null || status.getCode() == CloseInfo.ABNORMAL) {
            return CloseInfo.abnormal();
        }
        String reason = (status.getReason() != null) ? CloseInfo.engineReason(status.getReason()) : "";
        return new CloseInfo(status.getCode(), reason, true, !closedLocally);
    }

    @Override
    public void resumeReading() {
        InboundSubscriber subscriber = this.inbound;
        if (subscriber != null) {
            subscriber.resume();
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return this.remoteAddress;
    }

    @Override
    public void abort() {
        // Closing the channel ends both sides; the handler then reports the end as abnormal.
        this.channel.close();
    }

    @Override
    public void setNoDelay(boolean enabled) {
        this.channel.config().setOption(ChannelOption.TCP_NODELAY, enabled);
    }

}
