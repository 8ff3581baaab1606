package io.peersocket.bench.run;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * Godot clients of the engine's high-level multiplayer, spoken by hand: the relay (9-byte
 * header) and inside it the MultiplayerAPI of Godot 3.2.3
 * ({@code core/io/multiplayer_api.cpp}). Each client learns its id (SYS_ID), sees the
 * server (SYS_ADD 1), announces node {@code /root/Bench} ({@code SIMPLIFY_PATH}, cache id
 * 1) and waits for {@code CONFIRM_PATH}, as the engine does before its first call. Then
 * it keeps {@code window} calls {@code rpc_id(1, "ping", seq)} outstanding; the server
 * answers each with {@code rpc_id(sender, "pong", seq)} on the client's node, announcing
 * its own path first ({@code SIMPLIFY_PATH}, which the client confirms) and carrying the
 * full path until the confirmation arrives. Every answer is checked: command, node, name,
 * argument count, and the sequence number, which must come back in order per client.
 */
final class RpcLoad implements WsListener {

    static final String NODE = "Bench";

    private static final int CACHE_ID = 1;

    private static final int FULL_PATH = 0x80000000;

    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);

    private final int peers;

    final int window;

    final int[] ids;

    /** Whether the server announced itself (SYS_ADD 1) and then confirmed our path. */
    private final boolean[] serverSeen;

    private final boolean[] confirmed;

    /** The server's cache id for our node, once it sent SIMPLIFY_PATH (-1 before). */
    private final int[] serverCacheId;

    private final int[] nextSeq;

    private final int[] expectedSeq;

    private final long[][] sentAt;

    private final byte[] scratch = new byte[64];

    volatile boolean running;

    long sent;

    long answered;

    long errors;

    String firstError;

    long[] latencies = new long[1 << 16];

    int latencyCount;

    boolean recordLatency;

    RpcLoad(int peers, int window) {
        this.peers = peers;
        this.window = window;
        this.ids = new int[peers];
        this.serverSeen = new boolean[peers];
        this.confirmed = new boolean[peers];
        this.serverCacheId = new int[peers];
        Arrays.fill(this.serverCacheId, -1);
        this.nextSeq = new int[peers];
        this.expectedSeq = new int[peers];
        this.sentAt = new long[peers][window];
    }

    boolean ready() {
        for (int i = 0; i < this.peers; i++) {
            if (!this.confirmed[i]) {
                return false;
            }
        }
        return true;
    }

    /** Calls outstanding over all clients. */
    long outstanding() {
        long total = 0;
        for (int i = 0; i < this.peers; i++) {
            total += this.nextSeq[i] - this.expectedSeq[i];
        }
        return total;
    }

    /** Fills every client's window. */
    void start(Iterable<WsConn> conns) {
        this.running = true;
        for (WsConn conn : conns) {
            while (this.nextSeq[conn.index] - this.expectedSeq[conn.index] < this.window) {
                call(conn);
            }
            conn.flush();
        }
    }

    /**
     * {@code rpc_id(1, "ping", seq)} on node Bench, by cache id: REMOTE_CALL | node |
     * "ping\0" | argc 1 | int.
     */
    private void call(WsConn conn) {
        int me = conn.index;
        int seq = this.nextSeq[me]++;
        this.sentAt[me][seq % this.window] = System.nanoTime();
        int at = header(me);
        this.scratch[at++] = 0; // REMOTE_CALL
        at = putIntLE(at, CACHE_ID);
        at = putString(at, "ping");
        this.scratch[at++] = 1; // one argument
        at = putIntLE(at, 2); // Variant INT, 32-bit
        at = putIntLE(at, seq);
        conn.send(false, this.scratch, at);
        this.sent++;
    }

    /** The relay header of a payload from client {@code me} to the server. */
    private int header(int me) {
        this.scratch[0] = 0;
        putIntLE(1, this.ids[me]);
        putIntLE(5, 1);
        return 9;
    }

    private void send(WsConn conn, int length) {
        conn.send(false, this.scratch, length);
    }

    @Override
    public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
        if (text || length < 9) {
            error(conn, "relay message of " + length + " bytes, text " + text);
            return;
        }
        int me = conn.index;
        int type = buf.getByte(index);
        int from = buf.getIntLE(index + 1);
        if (type == 3) {
            this.ids[me] = buf.getIntLE(index + 9);
            return;
        }
        if (type == 1) {
            if (buf.getIntLE(index + 9) == 1 && !this.serverSeen[me]) {
                this.serverSeen[me] = true;
                // SIMPLIFY_PATH | cache id | "Bench\0", as the engine before its first
                // call on the node
                int at = header(me);
                this.scratch[at++] = 2;
                at = putIntLE(at, CACHE_ID);
                at = putString(at, NODE);
                send(conn, at);
            }
            return;
        }
        if (type == 2) {
            return;
        }
        if (type != 0 || from != 1 || length < 10) {
            error(conn, "relay packet type " + type + " from " + from + ", " + length + " bytes");
            return;
        }
        int p = index + 9;
        int end = index + length;
        int command = buf.getByte(p);
        switch (command) {
            case 3 -> { // CONFIRM_PATH
                if (!NODE.equals(string(buf, p + 1, end))) {
                    error(conn, "CONFIRM_PATH of " + string(buf, p + 1, end));
                    return;
                }
                this.confirmed[me] = true;
            }
            case 2 -> { // SIMPLIFY_PATH from the server: confirm it, as the engine does
                this.serverCacheId[me] = buf.getIntLE(p + 1);
                String path = string(buf, p + 5, end);
                int at = header(me);
                this.scratch[at++] = 3;
                at = putString(at, path);
                send(conn, at);
            }
            case 0 -> pong(conn, buf, p, end);
            default -> error(conn, "MultiplayerAPI command " + command);
        }
    }

    private void pong(WsConn conn, ByteBuf buf, int p, int end) {
        int me = conn.index;
        int node = buf.getIntLE(p + 1);
        int nameAt = p + 5;
        if ((node & FULL_PATH) != 0) {
            if (!NODE.equals(string(buf, p + (node & ~FULL_PATH), end))) {
                error(conn, "pong for path " + string(buf, p + (node & ~FULL_PATH), end));
                return;
            }
        }
        else if (node != this.serverCacheId[me]) {
            error(conn, "pong for node cache id " + node + ", announced " + this.serverCacheId[me]);
            return;
        }
        for (int i = 0; i < PONG.length; i++) {
            if (buf.getByte(nameAt + i) != PONG[i]) {
                error(conn, "a call of " + string(buf, nameAt, end));
                return;
            }
        }
        int at = nameAt + PONG.length;
        if (buf.getByte(at) != 0 || buf.getByte(at + 1) != 1) {
            error(conn, "pong with no single argument");
            return;
        }
        int variant = buf.getIntLE(at + 2);
        long seq;
        if (variant == 2) {
            seq = buf.getIntLE(at + 6);
        }
        else if (variant == (2 | 1 << 16)) {
            seq = buf.getLongLE(at + 6);
        }
        else {
            error(conn, "pong whose argument is Variant type " + Integer.toHexString(variant));
            return;
        }
        int expected = this.expectedSeq[me];
        if (seq != expected) {
            error(conn, "pong " + seq + ", expected " + expected);
            return;
        }
        this.expectedSeq[me] = expected + 1;
        this.answered++;
        if (this.recordLatency) {
            if (this.latencyCount == this.latencies.length) {
                this.latencies = Arrays.copyOf(this.latencies, this.latencyCount * 2);
            }
            this.latencies[this.latencyCount++] = System.nanoTime() - this.sentAt[me][expected % this.window];
        }
        if (this.running) {
            call(conn);
        }
    }

    private static String string(ByteBuf buf, int from, int end) {
        int nul = buf.indexOf(from, end, (byte) 0);
        return buf.toString(from, ((nul < 0) ? end : nul) - from, StandardCharsets.UTF_8);
    }

    private void error(WsConn conn, String problem) {
        this.errors++;
        if (this.firstError == null) {
            this.firstError = "client " + conn.index + ": " + problem;
        }
    }

    private int putIntLE(int at, int value) {
        this.scratch[at] = (byte) value;
        this.scratch[at + 1] = (byte) (value >> 8);
        this.scratch[at + 2] = (byte) (value >> 16);
        this.scratch[at + 3] = (byte) (value >> 24);
        return at + 4;
    }

    private int putString(int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, this.scratch, at, bytes.length);
        this.scratch[at + bytes.length] = 0;
        return at + bytes.length + 1;
    }

}
