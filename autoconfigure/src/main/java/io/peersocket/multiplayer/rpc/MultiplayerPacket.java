package io.peersocket.multiplayer.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.peersocket.variant.VariantCodec;

/**
 * The packets of the engine's high-level multiplayer ({@code core/io/multiplayer_api.cpp} of
 * Godot 3.2.3), carried as relay payloads. The first byte is the command:
 * <pre>
 * REMOTE_CALL   0 | uint32 node | name\0 | uint8 argc | argc Variants [| path\0]
 * REMOTE_SET    1 | uint32 node | name\0 | one Variant              [| path\0]
 * SIMPLIFY_PATH 2 | uint32 id   | path\0
 * CONFIRM_PATH  3 | path\0
 * RAW           4 | bytes
 * </pre>
 * {@code node} is the id the sender gave the path with {@code SIMPLIFY_PATH}, or, while the
 * receiver has not confirmed it, {@code 0x80000000 | offset} of the path appended after the
 * arguments. Integers are little-endian; strings UTF-8, NUL-terminated; paths relative to the
 * scene tree's root ({@code "Game"} for {@code /root/Game}).
 */
public final class MultiplayerPacket {

    /** {@code NETWORK_COMMAND_REMOTE_CALL}. */
    public static final int REMOTE_CALL = 0;

    /** {@code NETWORK_COMMAND_REMOTE_SET}. */
    public static final int REMOTE_SET = 1;

    /** {@code NETWORK_COMMAND_SIMPLIFY_PATH}. */
    public static final int SIMPLIFY_PATH = 2;

    /** {@code NETWORK_COMMAND_CONFIRM_PATH}. */
    public static final int CONFIRM_PATH = 3;

    /** {@code NETWORK_COMMAND_RAW}. */
    public static final int RAW = 4;

    /** The flag of a node field that is an offset to the full path, not a cache id. */
    public static final int FULL_PATH_FLAG = 0x80000000;

    /** The most arguments a call carries (one byte). */
    public static final int MAX_ARGUMENTS = 255;

    private MultiplayerPacket() {
    }

    /**
     * @param id the sender's cache id for the path
     * @param path the path, relative to the tree's root
     * @return a {@code SIMPLIFY_PATH} packet
     */
    public static byte[] simplifyPath(int id, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SIMPLIFY_PATH);
        int32(out, id);
        cString(out, path);
        return out.toByteArray();
    }

    /**
     * @param path the path being confirmed
     * @return a {@code CONFIRM_PATH} packet
     */
    public static byte[] confirmPath(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(CONFIRM_PATH);
        cString(out, path);
        return out.toByteArray();
    }

    /**
     * @param bytes the application's bytes
     * @return a {@code RAW} packet
     */
    public static byte[] raw(byte[] bytes) {
        byte[] packet = new byte[bytes.length + 1];
        packet[0] = RAW;
        System.arraycopy(bytes, 0, packet, 1, bytes.length);
        return packet;
    }

    /**
     * A remote call or set whose node field is a cache id; see {@link #withFullPath(byte[], String)}
     * for a receiver that has not confirmed the path.
     * @param set {@code REMOTE_SET} rather than {@code REMOTE_CALL}
     * @param cacheId the path's cache id
     * @param name the function or property
     * @param args the arguments (a set has exactly one)
     * @param codec encodes them
     * @return the packet
     */
    public static byte[] call(boolean set, int cacheId, String name, List<?> args, VariantCodec codec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(set ? REMOTE_SET : REMOTE_CALL);
        int32(out, cacheId);
        cString(out, name);
        if (set) {
            out.writeBytes(codec.encode(args.get(0)));
        }
        else {
            out.write(args.size());
            for (Object arg : args) {
                out.writeBytes(codec.encode(arg));
            }
        }
        return out.toByteArray();
    }

    /**
     * @param call a packet from {@link #call}
     * @param path the path to append
     * @return a copy that carries the full path instead of the cache id
     */
    public static byte[] withFullPath(byte[] call, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(call.length + path.length() + 1);
        out.write(call, 0, call.length);
        cString(out, path);
        byte[] packet = out.toByteArray();
        int node = FULL_PATH_FLAG | call.length;
        packet[1] = (byte) node;
        packet[2] = (byte) (node >> 8);
        packet[3] = (byte) (node >> 16);
        packet[4] = (byte) (node >>> 24);
        return packet;
    }

    /**
     * @param packet a packet
     * @param offset where the integer starts
     * @return the little-endian 32-bit integer there
     */
    static int int32At(byte[] packet, int offset) {
        return (packet[offset] & 0xFF) | (packet[offset + 1] & 0xFF) << 8 | (packet[offset + 2] & 0xFF) << 16
                | (packet[offset + 3] & 0xFF) << 24;
    }

    /**
     * The engine's {@code parse_utf8} of the rest of a packet: up to the first NUL or the end.
     * @param packet a packet
     * @param offset where the string starts
     * @return the string
     */
    static String stringAt(byte[] packet, int offset) {
        int end = nulAt(packet, offset);
        return new String(packet, offset, ((end < 0) ? packet.length : end) - offset, StandardCharsets.UTF_8);
    }

    /**
     * @param packet a packet
     * @param offset where to start looking
     * @return the index of the first NUL at or after offset, or -1
     */
    static int nulAt(byte[] packet, int offset) {
        for (int i = offset; i < packet.length; i++) {
            if (packet[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >> 8);
        out.write(value >> 16);
        out.write(value >>> 24);
    }

    private static void cString(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

}
