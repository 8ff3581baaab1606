package io.peersocket.internal.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.peersocket.internal.relay.TestPeers.Wire;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayHook;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.RelayVerdict;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayInspection} alone: what the application's hook does to a frame, and a
 * failing hook failing closed.
 */
class RelayInspectionTest {

    private final TestPeers peers = new TestPeers();

    private final List<Throwable> errors = new ArrayList<>();

    private final RelayStatistics statistics = new RelayStatistics("/mp", new PeerSocketObserver() {

        @Override
        public void handlerError(String path, Throwable error) {
            RelayInspectionTest.this.errors.add(error);
        }

    });

    private final RelayServer relay = new DefaultRelayServer("/mp", RelayOptions.DEFAULTS, null,
            MultiplayerListener.NONE, new PeerSocketObserver() {
            });

    private final Wire sender = this.peers.open(4);

    private final byte[] frame = RelayFrame.payload(4, 0, "move".getBytes(StandardCharsets.UTF_8));

    @Test
    void withoutAHookOrWhenItPassesTheSameArrayIsRouted() {
        assertThat(inspection(null).inspect(this.sender.peer, this.frame)).isSameAs(this.frame);
        assertThat(inspection((packet) -> RelayVerdict.pass()).inspect(this.sender.peer, this.frame))
            .isSameAs(this.frame);
    }

    @Test
    void theHookSeesThePacketAndMayRedirectOrRewriteIt() {
        List<String> seen = new ArrayList<>();
        RelayHook redirect = (packet) -> {
            seen.add(packet.from() + ">" + packet.to() + ":" + packet.payloadText() + " on " + packet.relay().path());
            return RelayVerdict.redirect(1);
        };
        assertThat(describe(inspection(redirect).inspect(this.sender.peer, this.frame))).isEqualTo("4>1:move");
        assertThat(seen).containsExactly("4>0:move on /mp");

        RelayHook rewrite = (packet) -> RelayVerdict.rewrite("stay".getBytes(StandardCharsets.UTF_8));
        assertThat(describe(inspection(rewrite).inspect(this.sender.peer, this.frame))).isEqualTo("4>0:stay");
        RelayHook both = (packet) -> RelayVerdict.rewrite(-3, "hide".getBytes(StandardCharsets.UTF_8));
        assertThat(describe(inspection(both).inspect(this.sender.peer, this.frame))).isEqualTo("4>-3:hide");
    }

    @Test
    void aDroppedPacketIsCounted() {
        assertThat(inspection((packet) -> RelayVerdict.drop()).inspect(this.sender.peer, this.frame)).isNull();
        assertThat(this.statistics.droppedCount(RelayServer.DROP_HOOK)).isOne();
        assertThat(this.errors).isEmpty();
    }

    @Test
    void aHookThatThrowsOrAnswersNullDropsThePacketAndReportsTheError() {
        RelayHook throwing = (packet) -> {
            throw new IllegalArgumentException("cheat check failed");
        };
        assertThat(inspection(throwing).inspect(this.sender.peer, this.frame)).isNull();
        assertThat(inspection((packet) -> null).inspect(this.sender.peer, this.frame)).isNull();

        assertThat(this.statistics.droppedCount(RelayServer.DROP_HOOK)).isEqualTo(2);
        assertThat(this.errors).hasSize(2);
        assertThat(this.errors.get(0)).hasMessage("cheat check failed");
        assertThat(this.errors.get(1)).hasMessageContaining("returned null");
    }

    private RelayInspection inspection(RelayHook hook) {
        return new RelayInspection(this.relay, hook, this.statistics);
    }

    private static String describe(byte[] frame) {
        assertThat(frame).isNotNull();
        return TestPeers.describe(frame);
    }

}
