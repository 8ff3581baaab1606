package io.peersocket.peer;

/**
 * Per-peer limits, as the engine's
 * {@code set_buffers(in_kb, in_packets, out_kb, out_packets)}. Each value is rounded up
 * to a power of two, as the engine does.
 *
 * @param inKiB largest message and most queued unread bytes, in KiB (the engine's input
 * buffer)
 * @param inPackets most queued unread packets
 * @param outKiB most queued unsent bytes, in KiB
 * @param outPackets most queued unsent packets
 */
public record BufferLimits(int inKiB, int inPackets, int outKiB, int outPackets) {

    /** The engine's default for every buffer size, in KiB. */
    public static final int DEFAULT_KIB = 64;

    /** The engine's default for every packet count. */
    public static final int DEFAULT_PACKETS = 1024;

    /** The engine's maximum buffer size, in KiB. */
    public static final int MAX_KIB = 4096;

    /** The engine's maximum packet count. */
    public static final int MAX_PACKETS = 16384;

    /** The engine's defaults: 64 KiB and 1024 packets each way. */
    public static final BufferLimits DEFAULTS = new BufferLimits(DEFAULT_KIB, DEFAULT_PACKETS, DEFAULT_KIB,
            DEFAULT_PACKETS);

    /**
     * Validates the limits and rounds each up to a power of two.
     * @param inKiB largest message and most queued unread bytes, in KiB, 1 to
     * {@value #MAX_KIB}
     * @param inPackets most queued unread packets, 1 to {@value #MAX_PACKETS}
     * @param outKiB most queued unsent bytes, in KiB, 1 to {@value #MAX_KIB}
     * @param outPackets most queued unsent packets, 1 to {@value #MAX_PACKETS}
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public BufferLimits {
        inKiB = roundUp("in-kib", inKiB, MAX_KIB);
        inPackets = roundUp("in-packets", inPackets, MAX_PACKETS);
        outKiB = roundUp("out-kib", outKiB, MAX_KIB);
        outPackets = roundUp("out-packets", outPackets, MAX_PACKETS);
    }

    /**
     * @return the input limit in bytes: also the largest message accepted
     */
    public int inBytes() {
        return this.inKiB * 1024;
    }

    /**
     * @return the output limit in bytes
     */
    public int outBytes() {
        return this.outKiB * 1024;
    }

    private static int roundUp(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(
                    "Buffer limit '" + name + "' must be between 1 and " + max + " but was " + value);
        }
        return (Integer.bitCount(value) == 1) ? value : Integer.highestOneBit(value) << 1;
    }

}
