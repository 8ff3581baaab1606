package io.peersocket.bench.run;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * Clients of the engine's multiplayer relay (9-byte header: type, from, to,
 * little-endian). Each learns its id from SYS_ID and its peers from SYS_ADD, then
 * broadcasts (to = 0) payload packets that the relay must deliver, unchanged, to every
 * other client and never back to the sender. Paced mode: each client at a fixed rate,
 * with delivery latency. Saturation mode: each client keeps {@code window} broadcasts
 * outstanding and sends the next when all copies have arrived.
 */
final class RelayLoad implements WsListener {

    static final int PAYLOAD = 24;

    static final int SIZE = 9 + PAYLOAD;

    private final int peers;

    final int[] ids;

    final int[] adds;

    private final long[] nextSeq;

    private final int[][] copies;

    private final long[][] slotSentAt;

    private final byte[] scratch = new byte[SIZE];

    int window;

    volatile boolean running;

    boolean saturate;

    long sent;

    long delivered;

    long completed;

    long lost;

    long errors;

    String firstError;

    long[] latencies = new long[1 << 16];

    int latencyCount;

    boolean recordLatency;

    RelayLoad(int peers, int window) {
        this.peers = peers;
        this.window = window;
        this.ids = new int[peers];
        this.adds = new int[peers];
        this.nextSeq = new long[peers];
        this.copies = new int[peers][window];
        this.slotSentAt = new long[peers][window];
    }

    boolean ready() {
        for (int i = 0; i < this.peers; i++) {
            if (this.ids[i] == 0 || this.adds[i] < this.peers) {
                return false;
            }
        }
        return true;
    }

    void send(WsConn conn) {
        int me = conn.index;
        long seq = this.nextSeq[me]++;
        long now = System.nanoTime();
        if (this.saturate) {
            int slot = (int) (seq % this.window);
            this.copies[me][slot] = 0;
            this.slotSentAt[me][slot] = now;
        }
        scratch[0] = 0;
        putIntLE(1, this.ids[me]);
        putIntLE(5, 0);
        putIntLE(9, me);
        putLong(13, seq);
        putLong(21, now);
        putIntLE(29, 0x5EED5EED);
        conn.send(false, this.scratch, SIZE);
        conn.flush();
        this.sent++;
    }

    /**
     * Saturation mode: frees slots whose copies never all arrived (a relay that drops).
     */
    void reapStale(java.util.List<WsConn> conns, long olderThanNanos) {
        long now = System.nanoTime();
        for (WsConn conn : conns) {
            int me = conn.index;
            long oldest = Math.max(0, this.nextSeq[me] - this.window);
            for (long seq = oldest; seq < this.nextSeq[me]; seq++) {
                int slot = (int) (seq % this.window);
                if (this.copies[me][slot] >= 0 && now - this.slotSentAt[me][slot] > olderThanNanos) {
                    this.lost += (this.peers - 1) - this.copies[me][slot];
                    this.copies[me][slot] = -1;
                    if (this.running) {
                        send(conn);
                    }
                }
            }
        }
    }

    @Override
    public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
        if (text || length < 9) {
            error(conn, "relay message of " + length + " bytes, text " + text);
            return;
        }
        int type = buf.getByte(index);
        int from = buf.getIntLE(index + 1);
        int to = buf.getIntLE(index + 5);
        if (type == 3) {
            this.ids[conn.index] = buf.getIntLE(index + 9);
            return;
        }
        if (type == 1) {
            this.adds[conn.index]++;
            return;
        }
        if (type == 2) {
            return;
        }
        if (type != 0 || length != SIZE || to != 0) {
            error(conn, "relayed packet type " + type + ", " + length + " bytes, to " + to);
            return;
        }
        int sender = buf.getIntLE(index + 9);
        long seq = buf.getLong(index + 13);
        long sentAt = buf.getLong(index + 21);
        if (sender < 0 || sender >= this.peers || this.ids[sender] != from || sender == conn.index
                || buf.getIntLE(index + 29) != 0x5EED5EED) {
            error(conn, "relayed packet from " + from + " (client " + sender + ") is not what was sent");
            return;
        }
        this.delivered++;
        if (this.recordLatency) {
            if (this.latencyCount == this.latencies.length) {
                this.latencies = Arrays.copyOf(this.latencies, this.latencyCount * 2);
            }
            this.latencies[this.latencyCount++] = System.nanoTime() - sentAt;
        }
        if (this.saturate) {
            int slot = (int) (seq % this.window);
            if (this.copies[sender][slot] >= 0 && ++this.copies[sender][slot] == this.peers - 1) {
                this.completed++;
                this.copies[sender][slot] = -1;
                if (this.running) {
                    send((conn.index == sender) ? conn : this.conns[sender]);
                }
            }
        }
    }

    WsConn[] conns;

    private void error(WsConn conn, String problem) {
        this.errors++;
        if (this.firstError == null) {
            this.firstError = "client " + conn.index + ": " + problem;
        }
    }

    private void putIntLE(int at, int value) {
        this.scratch[at] = (byte) value;
        this.scratch[at + 1] = (byte) (value >> 8);
        this.scratch[at + 2] = (byte) (value >> 16);
        this.scratch[at + 3] = (byte) (value >> 24);
    }

    private void putLong(int at, long value) {
        for (int i = 7; i >= 0; i--) {
            this.scratch[at + i] = (byte) value;
            value >>>= 8;
        }
    }

}
