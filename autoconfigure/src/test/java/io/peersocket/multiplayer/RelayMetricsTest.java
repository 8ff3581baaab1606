package io.peersocket.multiplayer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peersocket.actuate.PeerSocketMetrics;
import io.peersocket.internal.core.CompositePeerSocketObserver;
import io.peersocket.internal.relay.DefaultRelayServer;
import io.peersocket.peer.PeerError;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relay counts reach Micrometer through the observers, tagged by route, never by peer.
 */
class RelayMetricsTest {

    @Test
    void relayedPacketsAndCopiesAreCountedByRoute() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PeerSocketMetrics metrics = new PeerSocketMetrics("server", () -> List.of("/mp"));
        metrics.bindTo(registry);
        PeerSocketObserver observers = CompositePeerSocketObserver.of(List.of(metrics, PeerSocketObserver.NONE));
        observers.relayed("/mp", "broadcast", 3);
        observers.relayed("/mp", "broadcast", 2);
        observers.relayed("/mp", "peer", 1);
        RelayServer relay = new DefaultRelayServer("/mp", RelayOptions.DEFAULTS, null, MultiplayerListener.NONE,
                observers);
        assertThat(relay.putPacket(0, "nobody yet".getBytes(StandardCharsets.UTF_8))).isEqualTo(PeerError.OK);

        assertThat(registry.get(PeerSocketMetrics.RELAY_PACKETS)
            .tags("endpoint", "/mp", "route", "broadcast")
            .counter()
            .count()).isEqualTo(2);
        assertThat(registry.get(PeerSocketMetrics.RELAY_COPIES)
            .tags("endpoint", "/mp", "route", "broadcast")
            .counter()
            .count()).isEqualTo(5);
        assertThat(registry.get(PeerSocketMetrics.RELAY_PACKETS).tags("route", "peer").counter().count()).isEqualTo(1);
        assertThat(registry.get(PeerSocketMetrics.RELAY_PACKETS).tags("route", "server").counter().count())
            .isEqualTo(1);
        assertThat(registry.get(PeerSocketMetrics.RELAY_COPIES).tags("route", "server").counter().count()).isZero();
    }

}
