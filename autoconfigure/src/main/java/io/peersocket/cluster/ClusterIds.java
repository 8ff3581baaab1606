package io.peersocket.cluster;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Peer ids unique across the cluster with no Redis round trip per handshake: each node
 * leases a prefix of {@value #PREFIX_BITS} bits in Redis ({@link ClusterLink}) and draws
 * the other {@value #SUFFIX_BITS} bits at random locally; the registry redraws a suffix
 * already in use here. The 31-bit result goes through a fixed bijection so that ids still
 * look random, as the engine's, and two different (prefix, suffix) pairs never give the
 * same id.
 */
final class ClusterIds implements IntSupplier {

    static final int PREFIX_BITS = 10;

    static final int SUFFIX_BITS = 31 - PREFIX_BITS;

    static final int PREFIXES = 1 << PREFIX_BITS;

    private static final int MASK = Integer.MAX_VALUE;

    private static final int SUFFIX_MASK = (1 << SUFFIX_BITS) - 1;

    // Odd, so multiplying by it modulo 2^31 is a bijection; its inverse undoes it.
    private static final int MULTIPLIER = 0x5bd1e995 & MASK | 1;

    private static final int INVERSE = BigInteger.valueOf(MULTIPLIER)
        .modInverse(BigInteger.ONE.shiftLeft(31))
        .intValue();

    private volatile int prefix;

    /**
     * @param prefix the leased prefix, from 0 to {@link #PREFIXES} - 1
     */
    ClusterIds(int prefix) {
        this.prefix = prefix;
    }

    int prefix() {
        return this.prefix;
    }

    /**
     * @param prefix a new prefix, for the peers that connect from now on
     */
    void prefix(int prefix) {
        this.prefix = prefix;
    }

    @Override
    public int getAsInt() {
        int raw = (this.prefix << SUFFIX_BITS) | ThreadLocalRandom.current().nextInt(SUFFIX_MASK + 1);
        return scramble(raw);
    }

    /**
     * @param id a peer id made by some node
     * @return the prefix of the node that made it
     */
    static int prefixOf(int id) {
        return unscramble(id) >>> SUFFIX_BITS;
    }

    // Multiply, xor-shift (its own inverse, as the shift is more than half the 31 bits),
    // multiply.
    static int scramble(int raw) {
        int x = (raw * MULTIPLIER) & MASK;
        x ^= x >>> 16;
        return (x * MULTIPLIER) & MASK;
    }

    static int unscramble(int id) {
        int x = (id * INVERSE) & MASK;
        x ^= x >>> 16;
        return (x * INVERSE) & MASK;
    }

}
