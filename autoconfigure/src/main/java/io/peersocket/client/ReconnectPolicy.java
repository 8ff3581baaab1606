package io.peersocket.client;

import java.time.Duration;
import java.util.Random;

/**
 * When a client connects again after its connection failed or was closed by the server or
 * the network (never after {@link PeerSocketClient#disconnectFromHost}). The n-th
 * consecutive retry waits {@code min(maxDelay, initialDelay * multiplier^(n-1))}, spread
 * by {@code jitter} (a fraction: 0.2 means up to 20% shorter or longer) so that many
 * clients do not come back at once. The count starts again after a connection is
 * established.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay the wait before the first retry
 * @param maxDelay the longest wait
 * @param multiplier how much each wait grows, at least 1
 * @param jitter the random spread, between 0 and 1
 * @param maxAttempts consecutive retries before giving up; 0 for no limit
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
        double jitter, int maxAttempts) {

    /** Never reconnect: the engine's behaviour. */
    public static final ReconnectPolicy NONE = new ReconnectPolicy(false, Duration.ofSeconds(1), Duration.ofSeconds(30),
            2.0, 0.2, 0);

    /**
     * @throws IllegalArgumentException naming the value out of range
     */
    public ReconnectPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("reconnect.initial-delay must be positive but was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("reconnect.max-delay (" + maxDelay
                    + ") must not be shorter than initial-delay (" + initialDelay + ")");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("reconnect.multiplier must be at least 1 but was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("reconnect.jitter must be between 0 and 1 but was " + jitter);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("reconnect.max-attempts must not be negative but was " + maxAttempts);
        }
    }

    /**
     * Reconnects with backoff.
     * @param initialDelay the first wait
     * @param maxDelay the longest wait
     * @param multiplier the growth of each wait
     * @param jitter the random spread, 0 to 1
     * @return the policy, without an attempt limit
     */
    public static ReconnectPolicy backoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {
        return new ReconnectPolicy(true, initialDelay, maxDelay, multiplier, jitter, 0);
    }

    /**
     * @param attempt the consecutive retry, from 1
     * @param random the source of jitter
     * @return how long to wait before it
     */
    public Duration delay(int attempt, Random random) {
        double base = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, this.maxDelay.toMillis());
        double spread = capped * this.jitter * (2 * random.nextDouble() - 1);
        long millis = Math.round(Math.min(this.maxDelay.toMillis(), Math.max(1, capped + spread)));
        return Duration.ofMillis(millis);
    }

}
