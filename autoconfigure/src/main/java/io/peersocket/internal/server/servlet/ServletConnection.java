package io.peersocket.internal.server.servlet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.peersocket.internal.core.Connection;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.HandshakeInfo;
import io.peersocket.peer.Packet;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * One peer's connection on the servlet transport. Messages go out through the container's
 * non-blocking send, one at a time ({@link PeerOutput}): callers never block, two
 * messages never interleave, and a peer that stops reading fills its own output limit
 * (put_packet returns {@code ERR_OUT_OF_MEMORY}) without holding any thread. A send that
 * the peer does not take within the send-time limit ends the connection. Only the close
 * frame goes through the container's blocking send, on the close executor, bounded by the
 * same limit.
 */
final class ServletConnection implements Connection, PeerOutput.Events {

    private static final Log logger = LogFactory.getLog(ServletConnection.class);

    private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession",
            ServletConnection.class.getClassLoader());

    private final WebSocketSession session;

    private final Executor closeExecutor;

    private final ContainerControl control;

    private final MessageAssembler inbound;

    private final Duration sendTimeLimit;

    private final PeerOutput output;

    // Known before anything is sent: the peer attaches itself when the core creates it.
    private volatile @Nullable PeerSession peer;

    private volatile boolean failed;

    private final AtomicBoolean pingPending = new AtomicBoolean();

    private final Object pauseLock = new Object();

    private boolean paused;

    private boolean resumedEarly;

    /**
     * @param session the session, a standard (Jakarta WebSocket) one
     * @param closeExecutor runs the container's blocking send of close frames
     * @param control what the container offers beyond the WebSocket API
     * @param inbound puts incoming messages together
     * @param sendTimeLimit how long one message may take to be taken by the peer
     */
    private final HandshakeInfo handshake;

    ServletConnection(WebSocketSession session, Executor closeExecutor, ContainerControl control,
            MessageAssembler inbound, Duration sendTimeLimit) {
        this.session = session;
        this.closeExecutor = closeExecutor;
        this.control = control;
        this.inbound = inbound;
        this.sendTimeLimit = sendTimeLimit;
        Session container = (session instanceof NativeWebSocketSession nativeSession)
                ? nativeSession.getNativeSession(Session.class) : null;
        Assert.state(container != null, () -> "Not a Jakarta WebSocket session: " + session);
        control.limitBlockingSends(container, sendTimeLimit);
        RemoteEndpoint.Async remote = container.getAsyncRemote();
        remote.setSendTimeout(sendTimeLimit.toMillis());
        this.output = new PeerOutput(remote, this);
        String protocol = session.getAcceptedProtocol();
        // The request is gone after the upgrade: Spring's session keeps its headers, URI
        // and principal.
        this.handshake = new HandshakeInfo((session.getUri() != null) ? session.getUri() : URI.create("/"),
                session.getHandshakeHeaders(), session.getRemoteAddress(), (protocol != null) ? protocol : "",
                session.getPrincipal());
    }

    @Override
    public HandshakeInfo handshake() {
        return this.handshake;
    }

    /**
     * @return what puts this peer's incoming messages together
     */
    MessageAssembler inbound() {
        return this.inbound;
    }

    @Override
    public void attach(PeerSession peer) {
        this.peer = peer;
    }

    @Override
    public void send(Packet packet) {
        this.output.send(packet);
    }

    @Override
    public void close(int code, String reason) {
        this.output.close(new CloseStatus(code, reason));
    }

    @Override
    public void written(Packet packet) {
        PeerSession owner = this.peer;
        if (owner != null) {
            owner.written(packet);
        }
    }

    @Override
    public void sendFailed(@Nullable Throwable cause) {
        if (cause instanceof SocketTimeoutException) {
            // The container drops the connection itself: a peer that reads nothing cannot
            // take a close frame.
            logger.warn(this.peer + " took no data for " + this.sendTimeLimit.toMillis()
                    + " ms (peersocket.server.send-time-limit); its connection is dropped");
            this.failed = true;
        }
        else {
            logger.debug("Send to " + this.peer + " failed", cause);
        }
        closeLater(CloseStatus.SERVER_ERROR);
    }

    @Override
    public void closeReached(CloseStatus status) {
        closeLater(status);
    }

    // The close frame is the container's blocking send: never on the caller's or the
    // container's thread.
    private void closeLater(CloseStatus status) {
        try {
            this.closeExecutor.execute(() -> closeQuietly(status));
        }
        catch (RejectedExecutionException ex) {
            closeQuietly(status); // the application is stopping: its threads are gone
        }
    }

    /**
     * Fails the connection at once, ahead of queued packets: for a protocol error found
     * on the container's thread. Reported as an unclean end, as the container's own
     * protocol errors are.
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
     * Stops reading from the socket until {@link #resumeReading()}. Called on the
     * container's thread after the core refused more input; the application may already
     * have made room (and asked to resume) on its own thread in between, in which case
     * reading goes on.
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
        // The container cannot pause: closing is the only answer that loses nothing
        // silently.
        logger.debug(
                "Input queue of " + this.peer + " is full and the container cannot pause reading; closing with 1013");
        closeQuietly(new CloseStatus(1013, "Input queue full"));
    }

    // Each refusal of input by the core is followed by one pauseReading() on the
    // container's
    // thread and by at most one resumeReading() on the application's, in either order.
    // Without
    // this bookkeeping a resume that came first was lost and the suspend that followed it
    // lasted
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

    // The container's ping is a blocking send, so it runs on the close executor, and only
    // while
    // no message is on its way: then the socket has room and the send returns at once. A
    // peer
    // with a message in flight is either taking it (and will answer the next ping) or
    // stuck, and
    // the send-time limit ends it. At most one ping waits per peer.
    @Override
    public void ping() {
        if (!this.output.idle() || !this.pingPending.compareAndSet(false, true)) {
            return;
        }
        try {
            this.closeExecutor.execute(() -> {
                try {
                    if (this.session.isOpen()) {
                        this.session.sendMessage(new PingMessage());
                    }
                }
                catch (IOException | RuntimeException ex) {
                    logger.debug("Ping to " + this.peer + " failed", ex);
                }
                finally {
                    this.pingPending.set(false);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            this.pingPending.set(false); // the application is stopping
        }
    }

    // At once, ahead of queued messages: the peer is silent, or a send to it may be
    // stuck.
    @Override
    public void abort() {
        if (TOMCAT && TomcatAbort.abort(this.session, "")) {
            return;
        }
        closeQuietly(CloseStatus.GOING_AWAY);
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
