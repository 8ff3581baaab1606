package io.peersocket.bench.run;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * Closed-loop echo: each connection keeps {@code inFlight} messages outstanding and sends
 * the next one when an echo comes back. Every echo is checked: its opcode, its length,
 * its sequence number (echoes come back in order) and every other byte against the
 * connection's template. Also the open loop of the game scenario:
 * {@link #sendOne(WsConn)} paced by the caller.
 */
final class EchoLoad implements WsListener {

    static final class PerConn {

        final byte[] template;

        final ByteBuf templateBuf;

        final byte[] scratch;

        long sent;

        long received;

        PerConn(int index, int size, boolean text) {
            this.template = Payloads.template(index + 1, size, text);
            this.templateBuf = Unpooled.wrappedBuffer(this.template);
            this.scratch = this.template.clone();
        }

    }

    private final int inFlight;

    private final int size;

    private final boolean text;

    volatile boolean running;

    // Written on the event loop only; read after a hop to it.
    long sent;

    long received;

    long errors;

    String firstError;

    EchoLoad(int inFlight, int size, boolean text) {
        this.inFlight = inFlight;
        this.size = size;
        this.text = text;
    }

    @Override
    public void onOpen(WsConn conn) {
        conn.state = new PerConn(conn.index, this.size, this.text);
    }

    /** On the event loop: fills every connection's window. */
    void start(Iterable<WsConn> conns) {
        this.running = true;
        for (WsConn conn : conns) {
            for (int i = 0; i < this.inFlight; i++) {
                sendOne(conn);
            }
            conn.flush();
        }
    }

    void sendOne(WsConn conn) {
        if (!conn.isOpen()) {
            return;
        }
        PerConn state = (PerConn) conn.state;
        Payloads.stamp(state.scratch, state.sent++, this.text);
        conn.send(this.text, state.scratch, this.size);
        this.sent++;
    }

    @Override
    public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
        PerConn state = (PerConn) conn.state;
        String problem = null;
        if (text != this.text) {
            problem = "echo came back as " + (text ? "text" : "binary");
        }
        else if (length != this.size) {
            problem = "echo of " + length + " bytes, sent " + this.size;
        }
        else if (Payloads.seq(buf, index, text) != state.received) {
            problem = "echo out of order: got " + Payloads.seq(buf, index, text) + ", expected " + state.received;
        }
        else if (!ByteBufUtil.equals(buf, index + Payloads.PREFIX, state.templateBuf, Payloads.PREFIX,
                length - Payloads.PREFIX)) {
            problem = "echo bytes differ from those sent";
        }
        if (problem != null) {
            this.errors++;
            if (this.firstError == null) {
                this.firstError = "connection " + conn.index + ": " + problem;
            }
            conn.failVerification(problem);
            return;
        }
        state.received++;
        this.received++;
        if (this.running && this.inFlight > 0) {
            sendOne(conn);
        }
    }

    @Override
    public void onDisconnected(WsConn conn, String error) {
        if (this.running && conn.upgraded() && error == null) {
            this.errors++;
            if (this.firstError == null) {
                this.firstError = "connection " + conn.index + " closed by the server during the run";
            }
        }
    }

}
