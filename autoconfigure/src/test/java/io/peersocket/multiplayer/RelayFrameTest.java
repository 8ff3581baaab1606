package io.peersocket.multiplayer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The 9-byte relay header, byte for byte as REFERENCE.md and the engine's _make_pkt write
 * it.
 */
class RelayFrameTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void systemMessagesAreThirteenBytesFromOneToZero() {
        assertThat(RelayFrame.system(RelayFrame.SYS_ID, 688331254))
            .isEqualTo(HEX.parseHex("03010000000000000" + "0f6190729"));
        assertThat(RelayFrame.system(RelayFrame.SYS_ADD, 1))
            .isEqualTo(HEX.parseHex("01" + "01000000" + "00000000" + "01000000"));
        assertThat(RelayFrame.system(RelayFrame.SYS_DEL, 0x7FFFFFFF))
            .isEqualTo(HEX.parseHex("02" + "01000000" + "00000000" + "ffffff7f"));
        assertThat(RelayFrame.decode(HEX.parseHex("03010000000000000" + "0f6190729")))
            .isEqualTo(new RelayFrame(RelayFrame.SYS_ID, 1, 0, HEX.parseHex("f6190729")))
            .satisfies((frame) -> assertThat(frame.peerId()).isEqualTo(688331254))
            .satisfies((frame) -> assertThat(frame.isSystem()).isTrue())
            .hasToString("SYS_ID(from=1, to=0, id=688331254)");
    }

    @Test
    void payloadsCarryFromAndASignedLittleEndianTarget() {
        byte[] frame = RelayFrame.payload(0x01020304, -5, "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(frame).isEqualTo(HEX.parseHex("00" + "04030201" + "fbffffff" + "6869"));
        assertThat(RelayFrame.typeOf(frame)).isEqualTo(RelayFrame.PAYLOAD);
        assertThat(RelayFrame.fromOf(frame)).isEqualTo(0x01020304);
        assertThat(RelayFrame.toOf(frame)).isEqualTo(-5);
        assertThat(RelayFrame.payloadOf(frame)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        ByteBuffer view = RelayFrame.payloadView(frame);
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(2);
        assertThat(view.get(0)).isEqualTo((byte) 'h');
        assertThat(RelayFrame.decode(frame).encode()).isEqualTo(frame);
    }

    @Test
    void anEmptyPayloadIsJustTheHeaderAndShorterIsNoFrame() {
        assertThat(RelayFrame.payload(2, 0, new byte[0])).hasSize(RelayFrame.HEADER_SIZE);
        assertThat(RelayFrame.hasHeader(new byte[8])).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> RelayFrame.decode(new byte[8]));
        assertThatIllegalArgumentException().isThrownBy(() -> RelayFrame.peerIdOf(new byte[12]));
        assertThat(RelayFrame.typeOf(new byte[] { (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0 })).isEqualTo(255);
    }

}
