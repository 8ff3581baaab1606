package io.peersocket.internal.client;

import java.util.function.Consumer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers a refused upgrade (an HTTP status other than 101) itself, before Reactor
 * Netty's handshaker sees it: that one would log a WARN with a stack trace for an
 * ordinary answer of the server, beside the client's own line. The attempt fails with the
 * same {@link WebSocketClientHandshakeException} the handshaker would have raised.
 */
final class RefusedUpgrade extends ChannelInboundHandlerAdapter {

    static final String NAME = "peersocket.refusedUpgrade";

    private final Consumer<Throwable> failed;

    private boolean refused;

    RefusedUpgrade(Consumer<Throwable> failed) {
        this.failed = failed;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpResponse response
                && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            WebSocketClientHandshakeException refused = new WebSocketClientHandshakeException(
                    "Invalid handshake response getStatus: " + response.status(), response);
            ReferenceCountUtil.release(message);
            this.refused = true;
            this.failed.accept(refused);
            context.close();
            return;
        }
        context.pipeline().remove(this); // after the upgrade response, frames only
        context.fireChannelRead(message);
    }

    // Reactor Netty would report the close of a refused connection as a second error,
    // with a
    // WARN and a stack trace; the attempt has failed and its subscription is cancelled
    // already.
    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (!this.refused) {
            super.channelInactive(context);
        }
    }

}
