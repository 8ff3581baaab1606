package io.peersocket.internal.transport.reactive;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

/**
 * The closing handshake as RFC 6455 (7.1.4) defines it: a connection is closed cleanly
 * only once the peer's own close frame has arrived. Reactor Netty closes the socket as
 * soon as its close frame is written, so the peer's answer was never read, and a peer
 * that read nothing (its close frame never left our kernel buffer) or had vanished was
 * reported clean. Here our close frame is written without closing; the peer's answer then
 * ends the connection cleanly, and when none comes within the timeout the socket is
 * closed and the end is unclean.
 * <p>
 * Installed just before Reactor Netty's bridge on both the server's and the client's
 * channels: it sees every frame the protocol checks let through. Event loop only, except
 * {@link #peerCloseReceived()}.
 */
final class CloseHandshake extends ChannelInboundHandlerAdapter {

    static final String NAME = "peersocketCloseHandshake";

    /**
     * How long the peer has to answer our close frame: the engine's default handshake
     * timeout.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private volatile boolean peerCloseReceived;

    private boolean localCloseSent;

    private CloseHandshake() {
    }

    /**
     * @param pipeline an upgraded WebSocket channel's pipeline
     * @return the channel's handler, added on first use
     */
    static CloseHandshake install(ChannelPipeline pipeline) {
        CloseHandshake existing = pipeline.get(CloseHandshake.class);
        if (existing != null) {
            return existing;
        }
        CloseHandshake handshake = new CloseHandshake();
        if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
            pipeline.addBefore(NettyPipeline.ReactiveBridge, NAME, handshake);
        }
        else {
            pipeline.addLast(NAME, handshake);
        }
        return handshake;
    }

    /**
     * @return whether the peer's close frame arrived (its own, or its answer to ours)
     */
    boolean peerCloseReceived() {
        return this.peerCloseReceived;
    }

    /**
     * @return whether our close frame has been sent (or is being sent); on the event loop
     */
    boolean closeSent() {
        return this.localCloseSent;
    }

    /**
     * Writes our close frame and waits for the peer's; on the event loop.
     * @return the write of the close frame
     */
    ChannelFuture close(Channel channel, int code, String reason) {
        this.localCloseSent = true;
        // A message half received stays half: without this the aggregator reports it once
        // more
        // when the channel closes (PrematureChannelClosureException).
        WebSocketFrameAggregator aggregator = channel.pipeline().get(WebSocketFrameAggregator.class);
        if (aggregator != null) {
            channel.pipeline().remove(aggregator);
        }
        // From the start, not from the write's end: to a peer that reads nothing the
        // write never ends.
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) {
                channel.close();
            }
        }, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ChannelFuture write = channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        write.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return write;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame) {
            this.peerCloseReceived = true;
            if (this.localCloseSent) {
                // The answer to ours: the handshake is complete. Not passed on, or
                // Reactor Netty
                // would answer it with a second close frame.
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
        }
        else if (this.localCloseSent) {
            // RFC 6455 5.5.1: after our close frame, what the peer still sends is
            // discarded.
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

}
