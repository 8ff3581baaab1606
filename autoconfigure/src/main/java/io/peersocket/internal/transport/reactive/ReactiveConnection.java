package io.peersocket.internal.transport.reactive;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.peersocket.internal.core.Connection;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.core.WakeupBatch;
import io.peersocket.peer.HandshakeInfo;
import io.peersocket.peer.Packet;
import io.peersocket.spi.CloseInfo;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One peer's connection on the reactive transport. Spring's {@link WebSocketSession} does
 * the upgrade, the reading and the close handshake; outgoing packets are written as
 * frames straight to the session's Netty channel. A {@code session.send(Publisher)}
 * pipeline would add a sink, two queues and two wrappers per message, and would take up
 * to its prefetch of messages off the peer's account before the socket had them: here a
 * packet counts against the peer's output limits until Netty has written it to the
 * socket, so a slow reader fills the limit (and then {@code put_packet} fails) instead of
 * the heap. One flush per event-loop turn carries every frame written meanwhile. Shared
 * by the server's dedicated port and the client ({@code io.peersocket.client}).
 */
public final class ReactiveConnection implements Connection {

    // WebSocket08FrameEncoder copies a payload under this size into the frame header's
    // buffer.
    private static final int SMALL_PAYLOAD = 1024;

    private final WebSocketSession session;

    private final Channel channel;

    private final InetSocketAddress remoteAddress;

    // Packets sent from other threads (or while others wait), for the event loop to
    // write. The
    // counting is SerialTaskQueue's, but on packets rather than tasks: no Runnable per
    // packet, and
    // inside poll() the drain is queued without waking the loop (WakeupBatch).
    private final Queue<Packet> waiting = new ConcurrentLinkedQueue<>();

    // Packets counted in before they are queued; the sender that moves it from 0
    // schedules a drain.
    private final AtomicInteger queued = new AtomicInteger();

    private final Runnable drain = this::drainWaiting;

    // Event loop only: packets of this loop turn, for the flush task to write.
    private final ArrayDeque<Packet> batch = new ArrayDeque<>(4);

    // Event loop only: packets written whose write has not completed yet, oldest first.
    private final ArrayDeque<Packet> unconfirmed = new ArrayDeque<>(4);

    // Event loop only: a flush task is queued and has not run yet.
    private boolean flushScheduled;

    private final Runnable flush = this::flush;

    // Completes once no more is sent: after our close frame, or when the connection has
    // ended.
    private final Sinks.Empty<Void> sendingDone = Sinks.empty();

    private volatile @Nullable PeerSession peer;

    private @Nullable InboundSubscriber inbound;

    private @Nullable CloseStatus localClose;

    private volatile @Nullable CloseStatus closeStatus;

    private volatile boolean localCloseSent;

    private final CloseHandshake closeHandshake;

    private volatile boolean pingPending;

    private final HandshakeInfo handshake;

    public ReactiveConnection(WebSocketSession session, Channel channel, InetSocketAddress remoteAddress) {
        this(session, channel, remoteAddress, HandshakeInfo.NONE);
    }

    /**
     * @param session the WebSocket session
     * @param channel its Netty channel
     * @param remoteAddress the socket's remote address
     * @param handshake what the upgrade request said
     */
    public ReactiveConnection(WebSocketSession session, Channel channel, InetSocketAddress remoteAddress,
            HandshakeInfo handshake) {
        this.session = session;
        this.handshake = handshake;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.closeHandshake = CloseHandshake.install(channel.pipeline());
        // Remembers the first close frame seen, sent or received (Reactor Netty emits
        // both here).
        session.closeStatus().subscribe((status) -> this.closeStatus = status);
    }

    @Override
    public void attach(PeerSession peer) {
        this.peer = peer;
        FrameActivity.install(this.channel.pipeline(), peer);
    }

    // Written on the event loop, between whole frames; skipped while one is still
    // unwritten (a
    // peer that does not read gets no pile of pings) and once a close frame is on its
    // way.
    @Override
    public void ping() {
        if (this.pingPending || this.localClose != null || this.closeStatus != null) {
            return;
        }
        this.pingPending = true;
        this.channel.eventLoop().execute(() -> {
            if (!this.channel.isActive()) {
                return;
            }
            this.channel.writeAndFlush(new PingWebSocketFrame()).addListener((future) -> this.pingPending = false);
        });
    }

    public void bind(InboundSubscriber inbound) {
        this.inbound = inbound;
    }

    /**
     * @return completes when nothing more will be sent: after the close frame the
     * application asked for, or when the connection has ended
     */
    public Mono<Void> sending() {
        return this.sendingDone.asMono();
    }

    // Frames reach the channel in call order (the monitor orders callers): on the event
    // loop at
    // once when nothing waits, else through a queue that one task per batch drains on the
    // loop.
    @Override
    public synchronized void send(Packet packet) {
        PeerSession owner = this.peer;
        if (owner == null) {
            return;
        }
        if (this.localClose != null) {
            owner.written(packet);
            return;
        }
        if (this.queued.get() == 0 && this.channel.eventLoop().inEventLoop()) {
            addToBatch(packet);
            return;
        }
        // Counted before it is queued, so the count never falls below the packets still
        // queued.
        boolean first = this.queued.getAndIncrement() == 0;
        this.waiting.add(packet);
        if (first) {
            EventLoop loop = this.channel.eventLoop();
            if (loop instanceof AbstractEventExecutor lazy && WakeupBatch.deferWakeup(loop)) {
                // Inside poll(): queued without a wake-up; the batch wakes the loop once
                // at its end.
                lazy.lazyExecute(this.drain);
            }
            else {
                loop.execute(this.drain);
            }
        }
    }

    // On the event loop.
    private void drainWaiting() {
        int done = 0;
        Packet packet;
        while ((packet = this.waiting.poll()) != null) {
            addToBatch(packet);
            done++;
        }
        if (this.queued.addAndGet(-done) != 0) {
            // Counted by a sender that has not queued its packet yet: run again after it.
            this.channel.eventLoop().execute(this.drain);
        }
    }

    // On the event loop: the packet joins this loop turn's batch, which one task writes
    // and flushes.
    private void addToBatch(Packet packet) {
        this.batch.add(packet);
        if (!this.flushScheduled) {
            this.flushScheduled = true;
            this.channel.eventLoop().execute(this.flush);
        }
    }

    // On the event loop: writes the batch and flushes it. Writes complete in order, so
    // one
    // listener on the batch's last frame frees the output limits of the whole batch (a
    // promise
    // and a listener per frame cost more than the rest of the write).
    private void flush() {
        this.flushScheduled = false;
        writeBatch();
    }

    private void writeBatch() {
        PeerSession owner = this.peer;
        int count = this.batch.size();
        if (owner == null || count == 0) {
            return;
        }
        for (int i = 1; i < count; i++) {
            Packet packet = this.batch.poll();
            this.unconfirmed.add(packet);
            // A failed write here fails the batch's last one too (the channel is gone),
            // which reports.
            this.channel.write(frame(packet), this.channel.unsafe().voidPromise());
        }
        Packet last = this.batch.poll();
        this.unconfirmed.add(last);
        this.channel.writeAndFlush(frame(last)).addListener((future) -> {
            for (int i = 0; i < count; i++) {
                owner.written(this.unconfirmed.poll());
            }
        });
    }

    private WebSocketFrame frame(Packet packet) {
        byte[] data = packet.data();
        // Small payloads are only wrapped: the encoder copies them. Larger ones are
        // copied into a
        // buffer of the channel's (pooled, direct) allocator, which a heap buffer would
        // be copied
        // into again before reaching the socket.
        ByteBuf payload = (data.length < SMALL_PAYLOAD) ? Unpooled.wrappedBuffer(data)
                : this.channel.alloc().directBuffer(data.length).writeBytes(data);
        return packet.string() ? new TextWebSocketFrame(payload) : new BinaryWebSocketFrame(payload);
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (this.localClose != null) {
            return;
        }
        CloseStatus status = new CloseStatus(code, reason);
        this.localClose = status;
        // After every packet sent so far: those from other threads have been drained into
        // this
        // loop turn's batch by tasks queued before this one, and the batch is written
        // first.
        this.channel.eventLoop().execute(() -> {
            writeBatch();
            closeSession(status);
        });
    }

    // Not the session's close: Reactor Netty would close the socket before the peer could
    // answer.
    private void closeSession(CloseStatus status) {
        String reason = (status.getReason() != null) ? status.getReason() : "";
        this.closeHandshake.close(this.channel, status.getCode(), reason).addListener((future) -> {
            this.localCloseSent = future.isSuccess();
            this.sendingDone.tryEmitEmpty();
        });
    }

    /** The inbound side ended: nothing more will be sent either. */
    void finish() {
        if (this.localClose == null) {
            this.sendingDone.tryEmitEmpty();
        }
    }

    /**
     * Closes at once with a code, without waiting for queued packets (protocol errors).
     */
    public void closeNow(int code, String reason) {
        this.session.close(new CloseStatus(code, reason)).subscribe();
    }

    /**
     * @param closedLocally whether the application asked for the close
     * @return how the connection ended: clean only when the peer's own close frame
     * arrived (a close frame of ours that was written but never answered may still sit
     * unread in a kernel buffer, or the peer may be gone)
     */
    public CloseInfo closeInfo(boolean closedLocally) {
        boolean peerClosed = this.closeHandshake.peerCloseReceived();
        CloseStatus local = this.localClose;
        if (closedLocally && local != null && this.localCloseSent) {
            return peerClosed
                    ? new CloseInfo(local.getCode(), (local.getReason() != null) ? local.getReason() : "", true, false)
                    : CloseInfo.abnormal();
        }
        CloseStatus status = this.closeStatus;
        if (!peerClosed || status == null || status.getCode() == CloseInfo.ABNORMAL) {
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
    public HandshakeInfo handshake() {
        return this.handshake;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return this.remoteAddress;
    }

    @Override
    public void abort() {
        // Closing the channel ends both sides; the handler then reports the end as
        // abnormal.
        this.channel.close();
    }

    @Override
    public void setNoDelay(boolean enabled) {
        this.channel.config().setOption(ChannelOption.TCP_NODELAY, enabled);
    }

}
