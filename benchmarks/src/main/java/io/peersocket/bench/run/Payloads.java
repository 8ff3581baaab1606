package io.peersocket.bench.run;

import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;

/**
 * Message contents the load generator can check byte for byte without keeping what it
 * sent: a template per connection (so a message delivered to the wrong connection fails)
 * with the sequence number in its first 16 bytes (hex digits in text, a big-endian long
 * and 8 template bytes in binary).
 */
final class Payloads {

    static final int PREFIX = 16;

    private static final byte[] HEX = "0123456789abcdef".getBytes();

    private Payloads() {
    }

    /**
     * @return a template of {@code size} bytes: printable ASCII for text, any bytes for
     * binary
     */
    static byte[] template(long seed, int size, boolean text) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + size);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = text ? (byte) (' ' + random.nextInt(95)) : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /**
     * Writes the sequence number into the first 16 bytes of a message made from the
     * template.
     */
    static void stamp(byte[] message, long seq, boolean text) {
        if (text) {
            for (int i = PREFIX - 1; i >= 0; i--) {
                message[i] = HEX[(int) (seq & 15)];
                seq >>>= 4;
            }
        }
        else {
            for (int i = 7; i >= 0; i--) {
                message[i] = (byte) seq;
                seq >>>= 8;
            }
        }
    }

    /**
     * @return the sequence number a received message carries, or -1 if its prefix is
     * malformed
     */
    static long seq(ByteBuf buf, int index, boolean text) {
        if (text) {
            long seq = 0;
            for (int i = 0; i < PREFIX; i++) {
                int c = buf.getByte(index + i);
                int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
                if (digit < 0) {
                    return -1;
                }
                seq = (seq << 4) | digit;
            }
            return seq;
        }
        return buf.getLong(index);
    }

}
