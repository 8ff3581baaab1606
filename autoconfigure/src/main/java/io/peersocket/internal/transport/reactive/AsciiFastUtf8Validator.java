package io.peersocket.internal.transport.reactive;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;

/**
 * Netty's UTF-8 check of text messages (1007 for invalid UTF-8), with a fast path: a
 * whole text message of ASCII bytes, the usual game and chat payload, is valid as it is.
 * Netty's validator runs a state machine per byte; this looks at eight bytes at a time.
 * Everything else (non-ASCII text, fragmented messages) still goes through Netty's
 * validator, whose state is untouched by the fast path: a whole message never starts
 * inside another one (the decoder refuses that).
 */
final class AsciiFastUtf8Validator extends Utf8FrameValidator {

    private static final long HIGH_BITS = 0x8080808080808080L;

    AsciiFastUtf8Validator() {
        super(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof TextWebSocketFrame text && text.isFinalFragment() && isAscii(text.content())) {
            ctx.fireChannelRead(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    static boolean isAscii(ByteBuf buffer) {
        int index = buffer.readerIndex();
        int end = buffer.writerIndex();
        for (; index + 8 <= end; index += 8) {
            if ((buffer.getLong(index) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; index < end; index++) {
            if (buffer.getByte(index) < 0) {
                return false;
            }
        }
        return true;
    }

}
