package io.peersocket.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.peersocket.client.ReconnectPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delays the client waits before each retry, picked by {@link ReconnectSchedule} from
 * its policy: alone, without a connection or a timer.
 */
class ReconnectScheduleTest {

    @Test
    void theDelaysGrowByTheMultiplierUpToTheMaximum() {
        ReconnectSchedule schedule = new ReconnectSchedule(
                ReconnectPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.0));
        assertThat(delays(schedule, 6)).containsExactly(1000L, 2000L, 4000L, 8000L, 10000L, 10000L);
        assertThat(schedule.retries()).isEqualTo(6);
    }

    @Test
    void anEstablishedConnectionStartsTheCountAgain() {
        ReconnectSchedule schedule = new ReconnectSchedule(
                ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 3.0, 0.0));
        assertThat(delays(schedule, 3)).containsExactly(100L, 300L, 900L);
        schedule.reset();
        assertThat(delays(schedule, 2)).containsExactly(100L, 300L);
    }

    @Test
    void theAttemptsRunOutAfterMaxAttempts() {
        ReconnectSchedule schedule = new ReconnectSchedule(
                new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.0, 3));
        assertThat(delays(schedule, 3)).containsExactly(1000L, 2000L, 4000L);
        assertThat(schedule.next()).isNull();
        assertThat(schedule.next()).isNull();
        schedule.reset();
        assertThat(schedule.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theEnginesPolicyNeverReconnects() {
        ReconnectSchedule schedule = new ReconnectSchedule(ReconnectPolicy.NONE);
        assertThat(schedule.enabled()).isFalse();
        assertThat(schedule.next()).isNull();
    }

    @Test
    void theJitterSpreadsEachDelayBothWaysButNeverPastTheMaximum() {
        ReconnectPolicy policy = ReconnectPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 2.0, 0.2);
        // nextDouble() 0 is the shortest spread (-20 %), 1 the longest (+20 %), 0.5 none.
        assertThat(delays(new ReconnectSchedule(policy, () -> fixed(0.0)), 4)).containsExactly(800L, 1600L, 3200L,
                3200L);
        assertThat(delays(new ReconnectSchedule(policy, () -> fixed(0.5)), 4)).containsExactly(1000L, 2000L, 4000L,
                4000L);
        assertThat(delays(new ReconnectSchedule(policy, () -> fixed(1.0)), 4)).containsExactly(1200L, 2400L, 4000L,
                4000L);
    }

    @Test
    void theDefaultJitterStaysWithinItsSpread() {
        ReconnectSchedule schedule = new ReconnectSchedule(
                ReconnectPolicy.backoff(Duration.ofSeconds(2), Duration.ofSeconds(2), 1.0, 0.5));
        for (long delay : delays(schedule, 200)) {
            assertThat(delay).isBetween(1000L, 2000L);
        }
    }

    private static List<Long> delays(ReconnectSchedule schedule, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Duration delay = schedule.next();
            assertThat(delay).as("delay of retry %d", i + 1).isNotNull();
            delays.add(delay.toMillis());
        }
        return delays;
    }

    private static Random fixed(double value) {
        return new Random() {
            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

}
