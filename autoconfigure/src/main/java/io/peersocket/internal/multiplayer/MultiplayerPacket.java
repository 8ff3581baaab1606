package io.peersocket.internal.multiplayer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.peersocket.multiplayer.rpc.MultiplayerDialect;
import io.peersocket.variant.VariantCodec;

/**
 * The packets of the engine's high-level multiplayer
 * ({@code core/io/multiplayer_api.cpp}), carried as relay payloads, in one of the two
 * dialects. The first byte is the command: <pre>
 *                 Godot 3.x  Pandemonium
 * REMOTE_CALL     0          0            | uint32 node | name\0 | uint8 argc | argc Variants [| path\0]
 * REMOTE_SET      1          (none)       | uint32 node | name\0 | one Variant              [| path\0]
 * SIMPLIFY_PATH   2          1            | uint32 id   | path\0
 * CONFIRM_PATH    3          2            | path\0
 * RAW             4          3            | bytes
 * </pre> {@code node} is the id the sender gave the path with {@code SIMPLIFY_PATH}, or,
 * while the receiver has not confirmed it, {@code 0x80000000 | offset} of the path
 * appended after the arguments. Integers are little-endian; strings UTF-8,
 * NUL-terminated; paths relative to the scene tree's root ({@code "Game"} for
 * {@code /root/Game}). Everything but the numbering is the same in both engines' sources.
 */
public final class MultiplayerPacket {

    /**
     * Godot 3.x ({@code NetworkCommands} of Godot 3.2 to 3.4's
     * {@code multiplayer_api.h}).
     */
    public static final MultiplayerPacket GODOT3 = new MultiplayerPacket(MultiplayerDialect.GODOT3, 0, 1, 2, 3, 4);

    /**
     * Pandemonium ({@code NetworkCommands} of its {@code multiplayer_api.h}: no
     * REMOTE_SET).
     */
    public static final MultiplayerPacket PANDEMONIUM = new MultiplayerPacket(MultiplayerDialect.PANDEMONIUM, 0, -1, 1,
            2, 3);

    /** The flag of a node field that is an offset to the full path, not a cache id. */
    public static final int FULL_PATH_FLAG = 0x80000000;

    /** The most arguments a call carries (one byte). */
    public static final int MAX_ARGUMENTS = 255;

    private final MultiplayerDialect dialect;

    /** {@code NETWORK_COMMAND_REMOTE_CALL}. */
    public final int callCommand;

    /** {@code NETWORK_COMMAND_REMOTE_SET}, -1 where the engine has none. */
    public final int setCommand;

    /** {@code NETWORK_COMMAND_SIMPLIFY_PATH}. */
    public final int simplifyCommand;

    /** {@code NETWORK_COMMAND_CONFIRM_PATH}. */
    public final int confirmCommand;

    /** {@code NETWORK_COMMAND_RAW}, the highest command. */
    public final int rawCommand;

    private MultiplayerPacket(MultiplayerDialect dialect, int callCommand, int setCommand, int simplifyCommand,
            int confirmCommand, int rawCommand) {
        this.dialect = dialect;
        this.callCommand = callCommand;
        this.setCommand = setCommand;
        this.simplifyCommand = simplifyCommand;
        this.confirmCommand = confirmCommand;
        this.rawCommand = rawCommand;
    }

    /**
     * @param dialect the clients' engine
     * @return its packets
     */
    public static MultiplayerPacket of(MultiplayerDialect dialect) {
        return (dialect == MultiplayerDialect.PANDEMONIUM) ? PANDEMONIUM : GODOT3;
    }

    /**
     * @return the dialect
     */
    public MultiplayerDialect dialect() {
        return this.dialect;
    }

    /**
     * @return whether the engine has {@code rset}
     */
    public boolean hasRemoteSet() {
        return this.setCommand >= 0;
    }

    /**
     * @param id the sender's cache id for the path
     * @param path the path, relative to the tree's root
     * @return a {@code SIMPLIFY_PATH} packet
     */
    public byte[] simplifyPath(int id, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(this.simplifyCommand);
        int32(out, id);
        cString(out, path);
        return out.toByteArray();
    }

    /**
     * @param path the path being confirmed
     * @return a {@code CONFIRM_PATH} packet
     */
    public byte[] confirmPath(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(this.confirmCommand);
        cString(out, path);
        return out.toByteArray();
    }

    /**
     * @param bytes the application's bytes
     * @return a {@code RAW} packet
     */
    public byte[] raw(byte[] bytes) {
        byte[] packet = new byte[bytes.length + 1];
        packet[0] = (byte) this.rawCommand;
        System.arraycopy(bytes, 0, packet, 1, bytes.length);
        return packet;
    }

    /**
     * A remote call or set whose node field is a cache id; see
     * {@link #withFullPath(byte[], String)} for a receiver that has not confirmed the
     * path.
     * @param set {@code REMOTE_SET} rather than {@code REMOTE_CALL}
     * @param cacheId the path's cache id
     * @param name the function or property
     * @param args the arguments (a set has exactly one)
     * @param codec encodes them
     * @return the packet
     */
    public byte[] call(boolean set, int cacheId, String name, List<?> args, VariantCodec codec) {
        if (set && !hasRemoteSet()) {
            throw new UnsupportedOperationException("rset '" + name + "': the " + this.dialect
                    + " MultiplayerAPI has no rset; call a remote function instead");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(set ? this.setCommand : this.callCommand);
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
     * The engine's {@code parse_utf8} of the rest of a packet: up to the first NUL or the
     * end.
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
