package io.peersocket.internal.transport.reactive;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The dedicated port's answer to every RFC 6455 violation: one close frame with the
 * precise code (1002, 1007, 1009), then the TCP close. Reactor Netty's handshake leaves
 * gaps that this closes:
 * <ul>
 * <li>its decoder allows extensions, so RSV bits pass unchecked: the decoder is replaced
 * by one that refuses them (no extension is ever negotiated here);</li>
 * <li>Netty sends no close frame at all when the bad frame is itself a close frame (an
 * invalid close code or reason): its decoder only drops the connection. Here the decoder
 * and the UTF-8 validator only report, and this handler writes the close frame for every
 * violation;</li>
 * <li>Netty takes close codes of 5000 and above (and 65535) as valid; RFC 6455 defines
 * none of them. Close frames are checked here instead of in the decoder, as Tomcat checks
 * them, so that both transports agree: codes 1000-1003, 1007-1011, 3000-4999, a body of 0
 * or at least 2 bytes, a reason in UTF-8, else 1002 (the RFC names no code for a bad
 * close frame; Netty's decoder answers a bad reason with 1007, Tomcat with 1002);</li>
 * <li>the frame aggregator refuses a fragmented message over the limit with an exception
 * but no close frame: fragments are counted here, before it, and refused with 1009;</li>
 * <li>Reactor Netty answers every ping with its own pong and asks for the next read at
 * once, so a client that pings without reading piles up pong writes without bound (the
 * process ran out of memory in seconds). Pings are answered here instead, one pong at a
 * time: pings that arrive while a pong is still being written only replace the payload of
 * the next pong, as RFC 6455 5.5.3 allows, so a ping flood holds at most two pong
 * payloads however long it lasts.</li>
 * </ul>
 * Installed right after the upgrade, before the channel reads anything past the
 * handshake.
 */
public final class FrameGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "peersocketFrameGuard";

    static final String UTF8_VALIDATOR = "peersocketUtf8Validator";

    private final int maxMessageBytes;

    // Bytes of the message being received so far, over all of its fragments.
    private long messageBytes;

    private boolean failed;

    // A pong is written and its write has not completed: the socket may be full.
    private boolean pongInFlight;

    // The payload of the latest ping that arrived while a pong was in flight, answered
    // next.
    private @Nullable ByteBuf nextPong;

    private FrameGuard(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Puts the strict decoder, the UTF-8 validator and the guard in place of the upgraded
     * channel's frame decoder.
     * @param pipeline the pipeline of a channel that has just completed its upgrade
     * @param maxMessageBytes the largest message (and so frame) accepted
     */
    public static void install(ChannelPipeline pipeline, int maxMessageBytes) {
        ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder == null || pipeline.get(FrameGuard.class) != null) {
            return;
        }
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxMessageBytes)
            .expectMaskedFrames(true)
            .allowMaskMismatch(false)
            .allowExtensions(false)
            .closeOnProtocolViolation(false)
            .build();
        String name = decoder.name();
        pipeline.replace(name, name, new CloseFramesUnchecked(config));
        pipeline.addAfter(name, UTF8_VALIDATOR, new AsciiFastUtf8Validator());
        pipeline.addAfter(UTF8_VALIDATOR, NAME, new FrameGuard(maxMessageBytes));
    }

    /**
     * @param code a close code received from a client
     * @return whether RFC 6455 allows it in a close frame (as Tomcat reads the RFC)
     */
    static boolean validCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
    }

    /**
     * @param body a close frame's payload
     * @return what is wrong with it, or {@code null}
     */
    static @Nullable String closeBodyError(ByteBuf body) {
        int length = body.readableBytes();
        if (length == 0) {
            return null;
        }
        if (length == 1) {
            return "Close frame body of 1 byte";
        }
        int code = body.getUnsignedShort(body.readerIndex());
        if (!validCloseCode(code)) {
            return "Invalid close code " + code;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(body.nioBuffer(body.readerIndex() + 2, length - 2));
            return null;
        }
        catch (CharacterCodingException ex) {
            return "Close reason is not UTF-8";
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (this.failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof PingWebSocketFrame ping) {
            answer(ctx, ping.content());
            return;
        }
        if (msg instanceof CloseWebSocketFrame close) {
            String error = closeBodyError(close.content());
            if (error != null) {
                close.release();
                fail(ctx, new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, error));
                return;
            }
        }
        else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame) {
            ByteBuf content = ((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg).content();
            this.messageBytes = (msg instanceof ContinuationWebSocketFrame)
                    ? this.messageBytes + content.readableBytes() : content.readableBytes();
            if (this.messageBytes > this.maxMessageBytes) {
                ReferenceCountUtil.release(msg);
                fail(ctx, new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                        "Message over the input limit of " + this.maxMessageBytes + " bytes"));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted && !this.failed) {
            fail(ctx, corrupted);
        }
        else {
            ctx.fireExceptionCaught(cause);
        }
    }

    // Takes ownership of the payload: writes it as a pong now, or keeps it as the next
    // one.
    private void answer(ChannelHandlerContext ctx, ByteBuf payload) {
        CloseHandshake closing = ctx.pipeline().get(CloseHandshake.class);
        if (closing != null && closing.closeSent()) {
            // Nothing follows our close frame (RFC 6455 5.5.1), not even a pong.
            payload.release();
            return;
        }
        if (!this.pongInFlight) {
            writePong(ctx, payload);
            return;
        }
        if (this.nextPong != null) {
            this.nextPong.release();
        }
        this.nextPong = payload;
    }

    private void writePong(ChannelHandlerContext ctx, ByteBuf payload) {
        this.pongInFlight = true;
        ctx.writeAndFlush(new PongWebSocketFrame(payload)).addListener((ChannelFutureListener) (future) -> {
            // On the event loop, as every other use of these fields.
            this.pongInFlight = false;
            ByteBuf next = this.nextPong;
            this.nextPong = null;
            if (next != null) {
                if (future.isSuccess() && !this.failed) {
                    answer(ctx, next);
                }
                else {
                    next.release();
                }
            }
        });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (this.nextPong != null) {
            this.nextPong.release();
            this.nextPong = null;
        }
    }

    /** Netty's decoder, without its own close frame checks (see the class comment). */
    private static final class CloseFramesUnchecked extends WebSocket13FrameDecoder {

        CloseFramesUnchecked(WebSocketDecoderConfig config) {
            super(config);
        }

        @Override
        protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        }

    }

    // Sends the close frame and closes; the error goes on so that the session ends with
    // it.
    private void fail(ChannelHandlerContext ctx, CorruptedWebSocketFrameException violation) {
        this.failed = true;
        // Else the aggregator reports the half message it holds once more when the
        // channel closes
        // (PrematureChannelClosureException, logged as a warning after the session has
        // ended).
        WebSocketFrameAggregator aggregator = ctx.pipeline().get(WebSocketFrameAggregator.class);
        if (aggregator != null) {
            ctx.pipeline().remove(aggregator);
        }
        if (ctx.channel().isActive()) {
            WebSocketCloseStatus status = violation.closeStatus();
            ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), status.reasonText()))
                .addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireExceptionCaught(violation);
    }

}
