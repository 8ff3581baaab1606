package io.peersocket.internal.transport.reactive;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Stops reading from a peer while a pong to it waits for its socket, and reads again once
 * the pong has left. A client that pings without reading (each ping asks for a pong) is
 * then held back by TCP itself, as Tomcat's blocking pong holds it: its own writes block
 * once the kernel buffers are full, and the server keeps nothing for it.
 * <p>
 * Only pongs count: they are the transport's own answers, which no output limit bounds.
 * The application's messages count against the peer's output limit instead, and reading
 * goes on while they wait, so that a peer that never reads them fills that limit and the
 * slow-reader policy ends it (pausing on them would leave such a peer connected and
 * silent).
 * <p>
 * Reactor Netty owns the channel's {@code autoRead} flag for inbound demand, so this
 * handler takes it only while paused and gives it back afterwards: it remembers whether
 * reading was wanted when the pause began, and while paused a {@code read()} request
 * (which is what Reactor's {@code setAutoRead(true)} sends down the pipeline) is held and
 * recorded as wanted instead of reaching the transport. Holding {@code read()} alone is
 * not enough on epoll: with {@code autoRead} on, the channel stays registered for input,
 * so the flag is cleared as well.
 * <p>
 * "Waits for the socket": a flush after which the pong's write is still unfinished, which
 * means the socket's send buffer is full. Sits between {@link FrameGuard}, which writes
 * the pongs, and the head of the pipeline, so that it sees those writes and every read
 * request.
 */
public final class ReadPause extends ChannelDuplexHandler {

    static final String NAME = "peersocketReadPause";

    // Pongs handed to the transport and not yet completed (written to the socket or
    // failed).
    private int unfinishedWrites;

    private boolean paused;

    // Whether reading was wanted (autoRead on, or a read requested) when or while paused.
    private boolean readWanted;

    // Reports each pause (the observer's readingPaused: a metric).
    private final Runnable onPause;

    private ReadPause(Runnable onPause) {
        this.onPause = onPause;
    }

    /**
     * Puts the handler just before {@link FrameGuard} (on its way to the socket), once
     * FrameGuard is installed.
     * @param pipeline the pipeline of a channel that has just completed its upgrade
     * @param onPause called on the event loop each time reading pauses
     */
    public static void install(ChannelPipeline pipeline, Runnable onPause) {
        if (pipeline.get(ReadPause.class) == null && pipeline.get(FrameGuard.NAME) != null) {
            pipeline.addBefore(FrameGuard.NAME, NAME, new ReadPause(onPause));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof PongWebSocketFrame)) {
            ctx.write(msg, promise);
            return;
        }
        // A void promise takes no listener: unvoid() gives one that still reports
        // failures.
        ChannelPromise tracked = promise.unvoid();
        this.unfinishedWrites++;
        tracked.addListener((ChannelFutureListener) (future) -> {
            // Completed on the event loop, as every other use of these fields.
            this.unfinishedWrites--;
            if (this.unfinishedWrites == 0 && this.paused) {
                resume(ctx);
            }
        });
        ctx.write(msg, tracked);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        // Whatever completed synchronously has been counted down: what is left waits for
        // the socket.
        if (this.unfinishedWrites > 0 && !this.paused && ctx.channel().isActive()) {
            pause(ctx);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!this.paused) {
            ctx.read();
            return;
        }
        this.readWanted = true;
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            // Reactor asked for data again (setAutoRead(true) sends this read): keep it
            // for later.
            config.setAutoRead(false);
        }
    }

    private void pause(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        this.paused = true;
        this.readWanted = config.isAutoRead();
        // Also stops the read loop that may be running now, after the message at hand.
        config.setAutoRead(false);
        this.onPause.run();
    }

    private void resume(ChannelHandlerContext ctx) {
        this.paused = false;
        if (!this.readWanted || !ctx.channel().isActive()) {
            return;
        }
        this.readWanted = false;
        // Gives the flag back to Reactor as it wanted it; setting it on issues the held
        // read.
        ctx.channel().config().setAutoRead(true);
    }

}
