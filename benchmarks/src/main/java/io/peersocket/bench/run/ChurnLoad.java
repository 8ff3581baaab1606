package io.peersocket.bench.run;

import java.net.URI;

import io.netty.buffer.ByteBuf;
import io.peersocket.bench.load.WsClient;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * Connection churn: {@code concurrency} loops, each opening a connection (TCP and
 * upgrade), closing it with 1000 and waiting for the server's close frame and the end of
 * the TCP connection, then starting over. Counts clean cycles and failures.
 */
final class ChurnLoad implements WsListener {

    private final WsClient client;

    private final URI uri;

    volatile boolean running;

    long cycles;

    long failures;

    String firstError;

    private int next;

    int active;

    ChurnLoad(WsClient client, URI uri) {
        this.client = client;
        this.uri = uri;
    }

    /** On the event loop. */
    void start(int concurrency) {
        this.running = true;
        for (int i = 0; i < concurrency; i++) {
            open();
        }
    }

    private void open() {
        this.active++;
        this.client.connectOne(this.uri, "", this, this.next++);
    }

    @Override
    public void onOpen(WsConn conn) {
        conn.close(1000);
    }

    @Override
    public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
        fail(conn, "unexpected message");
    }

    private boolean closeOk;

    @Override
    public void onClose(WsConn conn, int code) {
        conn.state = (code == 1000) ? Boolean.TRUE : "close code " + code;
    }

    @Override
    public void onDisconnected(WsConn conn, String error) {
        this.active--;
        if (error == null && conn.upgraded() && conn.state == Boolean.TRUE) {
            this.cycles++;
        }
        else {
            fail(conn, (error != null) ? error
                    : (conn.state != null) ? conn.state.toString() : "no close frame from the server");
        }
        if (this.running) {
            open();
        }
    }

    private void fail(WsConn conn, String problem) {
        this.failures++;
        if (this.firstError == null) {
            this.firstError = problem;
        }
    }

}
