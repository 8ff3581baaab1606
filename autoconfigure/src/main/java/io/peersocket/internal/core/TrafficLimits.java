package io.peersocket.internal.core;

import java.time.Duration;

/**
 * What one peer may make the server do after the upgrade: how many packets and bytes per
 * second it may send, what happens to the excess, and how long its output limit may stay
 * full.
 * <p>
 * The rates are token buckets of one second's worth: a peer may send up to
 * {@code packetsPerSecond} packets (and {@code bytesPerSecond} bytes) at once after a
 * quiet second, and the bucket refills continuously. A packet is admitted while the byte
 * bucket is not in debt, then its size is taken: a single message larger than a second's
 * worth still passes once the bucket is full, so the rate is kept on average and no
 * message size becomes impossible.
 *
 * @param packetsPerSecond packets per second per peer; 0 for no limit
 * @param bytesPerSecond payload bytes per second per peer; 0 for no limit
 * @param rateExceeded what happens to a packet past the rate
 * @param slowReaderTimeout how long put_packet may keep refusing packets for a full
 * output limit before the peer is dropped; {@link Duration#ZERO} never drops
 */
public record TrafficLimits(int packetsPerSecond, long bytesPerSecond, RateExceeded rateExceeded,
        Duration slowReaderTimeout) {

    /** No rates, slow readers kept. */
    public static final TrafficLimits NONE = new TrafficLimits(0, 0, RateExceeded.DROP, Duration.ZERO);

    /** The reason of a packet dropped, or a connection closed, for exceeding a rate. */
    public static final String RATE = "rate";

    /** The close reason of a peer closed for exceeding a rate. */
    public static final String RATE_LIMIT_REASON = "rate limit";

    /** The reason of a peer dropped because its output limit stayed full. */
    public static final String SLOW_READER = "slow-reader";

    /** The close reason reported for a peer dropped as a slow reader. */
    public static final String SLOW_READER_REASON = "slow reader";

    /**
     * Checks the values.
     * @param packetsPerSecond packets per second per peer; 0 for no limit
     * @param bytesPerSecond payload bytes per second per peer; 0 for no limit
     * @param rateExceeded what happens to a packet past the rate
     * @param slowReaderTimeout how long the output limit may stay full; zero never drops
     * @throws IllegalArgumentException when a value is negative
     */
    public TrafficLimits {
        if (packetsPerSecond < 0) {
            throw new IllegalArgumentException(
                    "packetsPerSecond must be 0 (no limit) or more but was " + packetsPerSecond);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be 0 (no limit) or more but was " + bytesPerSecond);
        }
        if (slowReaderTimeout.isNegative()) {
            throw new IllegalArgumentException("slowReaderTimeout must not be negative but was " + slowReaderTimeout);
        }
    }

    /**
     * @return whether any rate is limited
     */
    public boolean limitsRate() {
        return this.packetsPerSecond > 0 || this.bytesPerSecond > 0;
    }

    /** What happens to a packet past a peer's rate. */
    public enum RateExceeded {

        /**
         * The packet is dropped and counted ({@code dropped(path, "rate")}); the peer
         * stays.
         */
        DROP,

        /**
         * The peer is closed with 1008 "rate limit" (the packet is dropped and counted
         * too).
         */
        CLOSE

    }

}
