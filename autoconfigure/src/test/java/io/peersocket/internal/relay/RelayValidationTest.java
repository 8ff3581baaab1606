package io.peersocket.internal.relay;

import java.nio.charset.StandardCharsets;

import io.peersocket.internal.relay.TestPeers.Wire;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayValidation} alone: each of the engine's checks on a client's frame, its
 * drop reason, its log line and, when strict, its close code.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayValidationTest {

    private final TestPeers peers = new TestPeers();

    private final RelayStatistics statistics = new RelayStatistics("/mp", new PeerSocketObserver() {
    });

    @Test
    void aPayloadFromItsSenderPasses() {
        Wire sender = this.peers.open(4);
        assertThat(lenient().accept(sender.peer, binary(RelayFrame.payload(4, 0, new byte[] { 1 })))).isTrue();
        assertThat(lenient().accept(sender.peer, binary(RelayFrame.payload(4, 1, new byte[0])))).isTrue();
        assertThat(this.statistics.droppedCount()).isZero();
    }

    @Test
    void eachViolationIsDroppedUnderItsOwnReasonAndTheSenderKeptWhenNotStrict() {
        Wire sender = this.peers.open(4);
        RelayValidation validation = lenient();

        assertThat(validation.accept(sender.peer, new Packet("text".getBytes(StandardCharsets.UTF_8), true))).isFalse();
        assertThat(validation.accept(sender.peer, binary(new byte[] { 0, 0, 0 }))).isFalse();
        assertThat(validation.accept(sender.peer, binary(RelayFrame.system(RelayFrame.SYS_ADD, 9)))).isFalse();
        assertThat(validation.accept(sender.peer, binary(RelayFrame.payload(5, 0, new byte[] { 1 })))).isFalse();

        assertThat(this.statistics.droppedCounts()).containsOnlyKeys(RelayServer.DROP_TEXT_FRAME,
                RelayServer.DROP_TOO_SHORT, RelayServer.DROP_SYSTEM_MESSAGE, RelayServer.DROP_SPOOFED_FROM);
        assertThat(sender.closes).isEmpty();
    }

    @Test
    void aStrictRelayClosesTheSenderWithTheViolationsCode() {
        RelayValidation validation = new RelayValidation(new RelayOptions(true, true, true), this.statistics);
        Wire text = this.peers.open(4);
        Wire spoofer = this.peers.open(6);

        validation.accept(text.peer, new Packet("text".getBytes(StandardCharsets.UTF_8), true));
        validation.accept(spoofer.peer, binary(RelayFrame.payload(5, 0, new byte[] { 1 })));

        assertThat(text.closes).containsExactly("1003 Relay protocol violation");
        assertThat(spoofer.closes).containsExactly("1008 Relay protocol violation");
    }

    @Test
    void aClientsFirstViolationIsAWarningAndLaterOnesAreNotUntilItIsForgotten(CapturedOutput output) {
        Wire sender = this.peers.open(4);
        RelayValidation validation = lenient();
        Packet spoofed = binary(RelayFrame.payload(5, 0, new byte[] { 1 }));

        validation.accept(sender.peer, spoofed);
        validation.accept(sender.peer, spoofed);
        assertThat(count(output.getOut(), "claiming to come from 5: dropped; later violations")).isOne();

        validation.forget(sender.id());
        validation.accept(sender.peer, spoofed);
        assertThat(count(output.getOut(), "claiming to come from 5: dropped; later violations")).isEqualTo(2);
    }

    private RelayValidation lenient() {
        return new RelayValidation(RelayOptions.DEFAULTS, this.statistics);
    }

    private static Packet binary(byte[] data) {
        return new Packet(data, false);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

}
