package io.peersocket.internal.transport.reactive;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.peersocket.internal.core.PeerSession;

/**
 * Tells the core of every complete frame the peer sends ({@link PeerSession#heard()}),
 * for its idle timeout. Sits right after the frame decoder, so it sees each frame once it
 * is whole (data frames, fragments, pings, pongs and close frames alike) and nothing of a
 * frame that stops short. Shared by the dedicated port and the client.
 */
final class FrameActivity extends ChannelInboundHandlerAdapter {

    static final String NAME = "peersocketFrameActivity";

    private final PeerSession peer;

    private FrameActivity(PeerSession peer) {
        this.peer = peer;
    }

    /**
     * @param pipeline the pipeline of an upgraded channel
     * @param peer the peer to tell
     */
    static void install(ChannelPipeline pipeline, PeerSession peer) {
        var decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder != null && pipeline.get(NAME) == null) {
            pipeline.addAfter(decoder.name(), NAME, new FrameActivity(peer));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame) {
            this.peer.heard();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public boolean isSharable() {
        return false;
    }

}
