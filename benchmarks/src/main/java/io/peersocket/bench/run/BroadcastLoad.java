package io.peersocket.bench.run;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * Broadcast: connection 0 sends a 64-byte text message that the server sends to every peer of
 * the path (the sender included). A broadcast is complete when all {@code n} peers have it,
 * checked byte for byte. One at a time for the fan-out time; {@code window} at a time for the
 * sustained rate.
 */
final class BroadcastLoad implements WsListener {

    static final int SIZE = 64;

    private static final int RING = 1024;

    private final int n;

    private final byte[] template = Payloads.template(7, SIZE, true);

    private final ByteBuf templateBuf = Unpooled.wrappedBuffer(this.template);

    private final byte[] scratch = this.template.clone();

    private final int[] copies = new int[RING];

    private final long[] sentAt = new long[RING];

    private final long[] nextPerConn;

    private WsConn trigger;

    int window;

    volatile boolean running;

    long nextSeq;

    long completed;

    long deliveries;

    long errors;

    String firstError;

    // fan-out times of completed broadcasts, in nanoseconds (one-at-a-time mode)
    final long[] fanout = new long[4096];

    int fanoutCount;

    BroadcastLoad(int n) {
        this.n = n;
        this.nextPerConn = new long[n];
    }

    /** On the event loop: starts sending through {@code trigger}, {@code window} broadcasts at a time. */
    void start(WsConn trigger, int window) {
        this.trigger = trigger;
        this.window = window;
        this.running = true;
        for (int i = 0; i < window; i++) {
            sendNext();
        }
    }

    private void sendNext() {
        long seq = this.nextSeq++;
        int slot = (int) (seq % RING);
        this.copies[slot] = 0;
        this.sentAt[slot] = System.nanoTime();
        Payloads.stamp(this.scratch, seq, true);
        this.trigger.send(true, this.scratch, SIZE);
        this.trigger.flush();
    }

    long inFlight() {
        return this.nextSeq - this.completed;
    }

    // Peers opened in several sets (one per cluster node) carry their number across the sets in state.
    private static int slot(WsConn conn) {
        return (conn.state instanceof Integer slot) ? slot : conn.index;
    }

    @Override
    public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
        long seq = (length == SIZE) ? Payloads.seq(buf, index, true) : -1;
        String problem = null;
        if (!text || length != SIZE) {
            problem = "broadcast of " + length + " bytes, text " + text;
        }
        else if (seq != this.nextPerConn[slot(conn)]) {
            problem = "broadcast out of order: got " + seq + ", expected " + this.nextPerConn[slot(conn)];
        }
        else if (!ByteBufUtil.equals(buf, index + Payloads.PREFIX, this.templateBuf, Payloads.PREFIX,
                SIZE - Payloads.PREFIX)) {
            problem = "broadcast bytes differ from those sent";
        }
        if (problem != null) {
            this.errors++;
            if (this.firstError == null) {
                this.firstError = "connection " + slot(conn) + ": " + problem;
            }
            conn.failVerification(problem);
            return;
        }
        this.nextPerConn[slot(conn)]++;
        this.deliveries++;
        int slot = (int) (seq % RING);
        if (++this.copies[slot] == this.n) {
            this.completed++;
            if (this.window == 1 && this.fanoutCount < this.fanout.length) {
                this.fanout[this.fanoutCount++] = System.nanoTime() - this.sentAt[slot];
            }
            if (this.running) {
                sendNext();
            }
        }
    }

}
