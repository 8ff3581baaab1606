package io.peersocket.internal.client;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.peersocket.client.ReconnectPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Counts the consecutive retries of one client and picks the wait before the next one
 * from its {@link ReconnectPolicy}: the count starts again once a connection is
 * established, and runs out after the policy's {@code maxAttempts}. Not thread-safe: the
 * client calls it under its lock.
 */
final class ReconnectSchedule {

    private final ReconnectPolicy policy;

    // The jitter's source, asked on the calling thread (a timer's, an I/O thread).
    private final Supplier<? extends Random> random;

    private int retries;

    ReconnectSchedule(ReconnectPolicy policy) {
        this(policy, ThreadLocalRandom::current);
    }

    ReconnectSchedule(ReconnectPolicy policy, Supplier<? extends Random> random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * @return whether the policy reconnects at all
     */
    boolean enabled() {
        return this.policy.enabled();
    }

    /**
     * Counts one more retry.
     * @return the wait before it, or {@code null} when reconnecting is off or the
     * attempts are used up
     */
    @Nullable Duration next() {
        if (!this.policy.enabled()) {
            return null;
        }
        this.retries++;
        if (this.policy.maxAttempts() > 0 && this.retries > this.policy.maxAttempts()) {
            return null;
        }
        return this.policy.delay(this.retries, this.random.get());
    }

    /**
     * @return the retries counted since the last connection, the one {@link #next()}
     * returned included
     */
    int retries() {
        return this.retries;
    }

    /**
     * A connection was established, or the application connects anew: the next retry is
     * the first.
     */
    void reset() {
        this.retries = 0;
    }

    ReconnectPolicy policy() {
        return this.policy;
    }

}
