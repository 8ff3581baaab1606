package io.peersocket.bench.run;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * Cross-node echo: pair i is a sender on node A and an echoer on node B. The sender's packet
 * (32 bytes: the echoer's id, a sequence number, the send time, a fixed tail) goes through node A
 * and Redis to the echoer, which returns it unchanged (its first 4 bytes are now the sender's id),
 * back through node B and Redis. Every packet is checked: from the right peer, in order, once,
 * intact; the round trip is timed on one clock. The nodes greet each peer with its id (4 bytes).
 */
final class CrossEchoLoad {

    static final int SIZE = 32;

    private static final long TAIL = 0x5eed_c0de_0bad_f00dL;

    final int pairs;

    final int[] senderIds;

    final int[] echoerIds;

    final WsConn[] senders;

    private final long[] nextSeq;

    private final long[] expected;

    long sent;

    long received;

    long errors;

    String firstError;

    boolean record;

    long[] latencies = new long[1 << 16];

    int latencyCount;

    final WsListener senderSide = new WsListener() {
        @Override
        public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
            fromEchoer(conn, buf, index, length);
        }
    };

    final WsListener echoerSide = new WsListener() {
        @Override
        public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
            if (length == 4) {
                CrossEchoLoad.this.echoerIds[conn.index] = buf.getInt(index);
                return;
            }
            byte[] back = new byte[length];
            buf.getBytes(index, back);
            conn.send(false, back, length);
            conn.flush();
        }
    };

    CrossEchoLoad(int pairs) {
        this.pairs = pairs;
        this.senderIds = new int[pairs];
        this.echoerIds = new int[pairs];
        this.senders = new WsConn[pairs];
        this.nextSeq = new long[pairs];
        this.expected = new long[pairs];
    }

    /** @return whether every peer has its id */
    boolean ready() {
        for (int i = 0; i < this.pairs; i++) {
            if (this.senderIds[i] == 0 || this.echoerIds[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** On the event loop: pair i sends its next packet. */
    void send(int i) {
        byte[] packet = new byte[SIZE];
        java.nio.ByteBuffer.wrap(packet).putInt(this.echoerIds[i]).putLong(this.nextSeq[i]++).putLong(System.nanoTime())
            .putLong(TAIL).putInt(i);
        this.senders[i].send(false, packet, SIZE);
        this.senders[i].flush();
        this.sent++;
    }

    private void fromEchoer(WsConn conn, ByteBuf buf, int index, int length) {
        int i = conn.index;
        if (length == 4 && this.senderIds[i] == 0) {
            this.senderIds[i] = buf.getInt(index);
            this.senders[i] = conn;
            return;
        }
        String problem = null;
        if (length != SIZE) {
            problem = "a packet of " + length + " bytes";
        }
        else if (buf.getInt(index) != this.echoerIds[i]) {
            problem = "a packet from peer " + buf.getInt(index) + ", not from its echoer " + this.echoerIds[i];
        }
        else if (buf.getLong(index + 4) != this.expected[i]) {
            problem = "packet " + buf.getLong(index + 4) + " where " + this.expected[i] + " was due (lost, twice or out of order)";
        }
        else if (buf.getLong(index + 20) != TAIL || buf.getInt(index + 28) != i) {
            problem = "packet bytes differ from those sent";
        }
        if (problem != null) {
            this.errors++;
            if (this.firstError == null) {
                this.firstError = "pair " + i + ": " + problem;
            }
            return;
        }
        this.expected[i]++;
        this.received++;
        if (this.record) {
            if (this.latencyCount == this.latencies.length) {
                this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
            }
            this.latencies[this.latencyCount++] = System.nanoTime() - buf.getLong(index + 12);
        }
    }

}
