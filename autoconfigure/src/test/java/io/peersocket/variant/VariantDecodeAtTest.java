package io.peersocket.variant;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values one after another inside a larger packet, as a remote call's arguments: each
 * one's padding counts from its own start, whatever its offset.
 */
class VariantDecodeAtTest {

    private final VariantCodec codec = VariantCodec.godot3();

    @Test
    void valuesAtAnUnalignedOffsetReadWithTheirOwnPadding() {
        byte[] first = this.codec.encode("A"); // 4 + 4 + 1 + 3 bytes of padding
        byte[] second = this.codec.encode(List.of(7L, "xy"));
        byte[] packet = new byte[3 + first.length + second.length];
        System.arraycopy(first, 0, packet, 3, first.length);
        System.arraycopy(second, 0, packet, 3 + first.length, second.length);

        VariantCodec.Decoded a = this.codec.decodeAt(packet, 3, false);
        assertThat(a.value()).isEqualTo("A");
        assertThat(a.length()).isEqualTo(first.length);
        VariantCodec.Decoded b = this.codec.decodeAt(packet, 3 + a.length(), false);
        assertThat(b.value()).isEqualTo(List.of(7L, "xy"));
        assertThat(b.length()).isEqualTo(second.length);
    }

    @Test
    void anOffsetOutsideThePacketIsADecodingError() {
        assertThatThrownBy(() -> this.codec.decodeAt(new byte[4], 5, false))
            .isInstanceOf(VariantDecodingException.class);
        assertThatThrownBy(() -> this.codec.decodeAt(new byte[4], 4, false))
            .isInstanceOf(VariantDecodingException.class);
    }

}
