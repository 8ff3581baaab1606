package io.peersocket.internal.relay;

import java.util.ArrayList;
import java.util.List;

import io.peersocket.multiplayer.RelayServer;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayStatistics} alone: the relay's getters and its metrics see the same events.
 */
class RelayStatisticsTest {

    private final List<String> observed = new ArrayList<>();

    private final RelayStatistics statistics = new RelayStatistics("/mp", new PeerSocketObserver() {

        @Override
        public void relayed(String path, String kind, int copies) {
            RelayStatisticsTest.this.observed.add(path + " relayed " + kind + " " + copies);
        }

        @Override
        public void dropped(String path, String reason) {
            RelayStatisticsTest.this.observed.add(path + " dropped " + reason);
        }

        @Override
        public void readingPaused(String path) {
            RelayStatisticsTest.this.observed.add(path + " paused");
        }

    });

    @Test
    void everyEventIsCountedAndReported() {
        this.statistics.relayed();
        this.statistics.relayed();
        this.statistics.delivered();
        this.statistics.copies("broadcast", 3);
        this.statistics.dropped(RelayServer.DROP_HOOK);
        this.statistics.dropped(RelayServer.DROP_TOO_SHORT);
        this.statistics.dropped(RelayServer.DROP_HOOK);
        this.statistics.readingPaused();

        assertThat(this.statistics.relayedCount()).isEqualTo(2);
        assertThat(this.statistics.deliveredCount()).isOne();
        assertThat(this.statistics.droppedCount()).isEqualTo(3);
        assertThat(this.statistics.droppedCount(RelayServer.DROP_HOOK)).isEqualTo(2);
        assertThat(this.statistics.droppedCount(RelayServer.DROP_SPOOFED_FROM)).isZero();
        assertThat(this.statistics.droppedCounts()).containsExactly(
                org.assertj.core.api.Assertions.entry(RelayServer.DROP_HOOK, 2L),
                org.assertj.core.api.Assertions.entry(RelayServer.DROP_TOO_SHORT, 1L));
        assertThat(this.observed).containsExactly("/mp relayed broadcast 3", "/mp dropped relay-hook",
                "/mp dropped relay-too-short", "/mp dropped relay-hook", "/mp paused");
    }

}
