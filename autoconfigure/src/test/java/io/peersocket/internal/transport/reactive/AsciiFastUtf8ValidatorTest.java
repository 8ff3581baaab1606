package io.peersocket.internal.transport.reactive;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The UTF-8 check's ASCII fast path lets valid text through and still refuses invalid
 * text.
 */
class AsciiFastUtf8ValidatorTest {

    @Test
    void asciiOfEveryLengthAroundTheEightByteStepIsAscii() {
        for (int length = 0; length < 40; length++) {
            assertThat(AsciiFastUtf8Validator.isAscii(Unpooled.wrappedBuffer("x".repeat(length).getBytes()))).isTrue();
            byte[] withHighByte = ("y".repeat(length) + "é").getBytes(StandardCharsets.UTF_8);
            assertThat(AsciiFastUtf8Validator.isAscii(Unpooled.wrappedBuffer(withHighByte))).isFalse();
        }
    }

    @Test
    void asciiAndValidMultiByteTextPassInvalidTextIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new AsciiFastUtf8Validator());
        channel.writeInbound(new TextWebSocketFrame("plain ascii, longer than eight bytes"));
        assertThat(((TextWebSocketFrame) channel.readInbound()).text())
            .isEqualTo("plain ascii, longer than eight bytes");
        channel.writeInbound(new TextWebSocketFrame("héllo wörld"));
        assertThat(((TextWebSocketFrame) channel.readInbound()).text()).isEqualTo("héllo wörld");
        assertThatThrownBy(() -> channel
            .writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] { 'o', 'k', (byte) 0xC3, 0x28 }))))
            .isInstanceOf(CorruptedWebSocketFrameException.class);
    }

    @Test
    void aFragmentedMessageIsCheckedWholeEvenWhenItsFragmentsAreAscii() {
        EmbeddedChannel channel = new EmbeddedChannel(new AsciiFastUtf8Validator());
        // First fragment ends in the middle of a two-byte character; the second completes
        // it wrongly.
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] { 'a', (byte) 0xC3 })));
        assertThatThrownBy(() -> channel
            .writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] { 'b' }))))
            .isInstanceOf(CorruptedWebSocketFrameException.class);
    }

}
