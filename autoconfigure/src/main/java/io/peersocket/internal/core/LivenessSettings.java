package io.peersocket.internal.core;

import java.time.Duration;

/**
 * How a server or a client checks that its peers are still there after the upgrade: a
 * ping every {@code pingInterval}, and a peer from which no complete frame (data, ping,
 * pong, close) arrived within {@code idleTimeout} is dropped. {@link Duration#ZERO} turns
 * either off.
 *
 * @param pingInterval time between two pings to each peer; zero sends none
 * @param idleTimeout time without a complete frame after which a peer is dropped; zero
 * never drops
 */
public record LivenessSettings(Duration pingInterval, Duration idleTimeout) {

    /** Neither pings nor an idle timeout. */
    public static final LivenessSettings DISABLED = new LivenessSettings(Duration.ZERO, Duration.ZERO);

    /**
     * Checks the two durations together, naming the settings in the message.
     * @param pingInterval time between two pings; zero for none
     * @param idleTimeout time without a frame before the peer is dropped; zero for never
     * @param pingName the name of the ping setting, for the message (a property name)
     * @param idleName the name of the idle setting, for the message (a property name)
     * @return the settings
     * @throws IllegalArgumentException when a duration is negative, or when the idle
     * timeout does not exceed the ping interval (a live peer that only answers pings
     * would then be dropped)
     */
    public static LivenessSettings of(Duration pingInterval, Duration idleTimeout, String pingName, String idleName) {
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException(pingName + " must not be negative but was " + pingInterval);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException(idleName + " must not be negative but was " + idleTimeout);
        }
        if (!pingInterval.isZero() && !idleTimeout.isZero() && idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException(idleName + " (" + idleTimeout + ") must be longer than " + pingName
                    + " (" + pingInterval + "): a peer that only answers pings would be dropped; "
                    + "use more than twice the interval, or 0 to turn either off");
        }
        return new LivenessSettings(pingInterval, idleTimeout);
    }

    /**
     * @return whether there is anything to do: pings, an idle timeout, or both
     */
    public boolean enabled() {
        return !this.pingInterval.isZero() || !this.idleTimeout.isZero();
    }

    /**
     * @return how often to look at the peers: each ping interval, and four times per idle
     * timeout, so that a silent peer is dropped at most a quarter late (at least every 10
     * ms)
     */
    public Duration sweepPeriod() {
        Duration period = Duration.ofDays(1);
        if (!this.pingInterval.isZero()) {
            period = this.pingInterval;
        }
        if (!this.idleTimeout.isZero() && this.idleTimeout.dividedBy(4).compareTo(period) < 0) {
            period = this.idleTimeout.dividedBy(4);
        }
        return (period.toMillis() < 10) ? Duration.ofMillis(10) : period;
    }

}
