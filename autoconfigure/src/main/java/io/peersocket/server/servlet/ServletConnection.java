package io.peersocket.server.servlet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import io.peersocket.core.Connection;
import io.peersocket.core.PeerSession;
import io.peersocket.core.SerialTaskQueue;
import io.peersocket.peer.Packet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One peer's connection on the servlet transport. The container's send blocks, so sends run
 * one at a time on a writer pool ({@link SerialTaskQueue}): callers never block and two messages
 * never interleave (the cause of Tomcat's {@code TEXT_PARTIAL_WRITING} errors). Not even the
 * container's thread that runs this peer's handler writes itself: a peer that stops reading
 * would block it in Tomcat's send instead of filling the output limit, and put_packet would
 * stop returning {@code ERR_OUT_OF_MEMORY}.
 */
final class ServletConnection implements Connection {

    private static final Log logger = LogFactory.getLog(ServletConnection.class);

    private final WebSocketSession session;

    private final SerialTaskQueue writer;

    private final ContainerControl control;

    // Known before anything is sent: the peer attaches itself when the core creates it.
    private volatile @Nullable PeerSession peer;

    private volatile boolean failed;

    private final Object pauseLock = new Object();

    private boolean paused;

    private boolean resumedEarly;

    private final MessageAssembler inbound;

    ServletConnection(WebSocketSession session, Executor writeExecutor, ContainerControl control, MessageAssembler inbound) {
        this.session = session;
        this.writer = new SerialTaskQueue(writeExecutor);
        this.control = control;
        this.inbound = inbound;
    }

    /** @return what puts this peer's incoming messages together */
    MessageAssembler inbound() {
        return this.inbound;
    }

    @Override
    public void attach(PeerSession peer) {
        this.peer = peer;
    }

    @Override
    public void send(Packet packet) {
        this.writer.execute(() -> {
            try {
                if (this.session.isOpen()) {
                    this.session.sendMessage(packet.string() ? new TextMessage(packet.data())
                            : new BinaryMessage(ByteBuffer.wrap(packet.data())));
                }
            }
            catch (IOException | RuntimeException ex) {
                logger.debug("Send to " + this.peer + " failed", ex);
                closeQuietly(CloseStatus.SERVER_ERROR);
            }
            finally {
                PeerSession owner = this.peer;
                if (owner != null) {
                    owner.written(packet);
                }
            }
        });
    }

    @Override
    public void close(int code, String reason) {
        this.writer.execute(() -> closeQuietly(new CloseStatus(code, reason)));
    }

    /**
     * Fails the connection at once, ahead of queued packets: for a protocol error found on the
     * container's thread. Reported as an unclean end, as the container's own protocol errors are.
     */
    void closeNow(CloseStatus status) {
        this.failed = true;
        try {
            this.control.closeNow(this.session, status);
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Close of " + this.peer + " failed", ex);
        }
    }

    private void closeQuietly(CloseStatus status) {
        try {
            this.session.close(status);
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Close of " + this.peer + " failed", ex);
        }
    }

    /**
     * Stops reading from the socket until {@link #resumeReading()}. Called on the container's
     * thread after the core refused more input; the application may already have made room (and
     * asked to resume) on its own thread in between, in which case reading goes on.
     */
    void pauseReading() {
        synchronized (this.pauseLock) {
            if (this.resumedEarly) {
                this.resumedEarly = false;
                return;
            }
            if (this.control.pause(this.session)) {
                this.paused = true;
                return;
            }
        }
        // The container cannot pause: closing is the only answer that loses nothing silently.
        logger.warn("Input queue of " + this.peer + " is full and the container cannot pause reading; closing with 1013");
        closeQuietly(new CloseStatus(1013, "Input queue full"));
    }

    // Each refusal of input by the core is followed by one pauseReading() on the container's
    // thread and by at most one resumeReading() on the application's, in either order. Without
    // this bookkeeping a resume that came first was lost and the suspend that followed it lasted
    // forever (a peer that sent a message of exactly the input size stopped being read).
    @Override
    public void resumeReading() {
        synchronized (this.pauseLock) {
            if (this.paused) {
                this.paused = false;
                this.control.resume(this.session);
            }
            else {
                this.resumedEarly = true;
            }
        }
    }

    void markFailed() {
        this.failed = true;
    }

    boolean failed() {
        return this.failed;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        InetSocketAddress address = this.session.getRemoteAddress();
        return (address != null) ? address : InetSocketAddress.createUnresolved("unknown", 0);
    }

    @Override
    public void setNoDelay(boolean enabled) {
        // The servlet API gives no access to the socket; Tomcat already sets TCP_NODELAY.
    }

}
