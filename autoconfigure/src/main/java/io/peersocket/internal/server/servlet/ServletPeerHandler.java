package io.peersocket.internal.server.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.core.SerialTaskQueue;
import io.peersocket.logging.LogSafe;
import io.peersocket.peer.Packet;
import io.peersocket.spi.CloseInfo;
import io.peersocket.internal.server.security.CredentialExpiry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * A Spring WebSocket handler that puts one endpoint's peers on the core, on the
 * application's own servlet container.
 */
final class ServletPeerHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    private static final Log logger = LogFactory.getLog(ServletPeerHandler.class);

    private static final String PEER = "peersocket.peer";

    private static final String CONNECTION = "peersocket.connection";

    private static final String EXPIRY = "peersocket.expiry";

    private final PeerEndpoint endpoint;

    private final Executor closeExecutor;

    private final ContainerControl control;

    private final Duration sendTimeLimit;

    private final CloseAnswer closeAnswer;

    ServletPeerHandler(PeerEndpoint endpoint, Executor closeExecutor, ContainerControl control, Duration sendTimeLimit,
            CloseAnswer closeAnswer) {
        this.endpoint = endpoint;
        this.closeExecutor = closeExecutor;
        this.control = control;
        this.sendTimeLimit = sendTimeLimit;
        this.closeAnswer = closeAnswer;
    }

    PeerEndpoint endpoint() {
        return this.endpoint;
    }

    @Override
    public List<String> getSubProtocols() {
        return this.endpoint.offeredProtocols();
    }

    /**
     * Messages come in parts of the container's buffer size and are put together by
     * {@link MessageAssembler}, which also enforces the input limit: the container's
     * message buffers then stay at its small defaults instead of the limit's size for
     * every peer.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        ServletConnection connection = new ServletConnection(session, this.closeExecutor, this.control,
                new MessageAssembler(this.endpoint.limits().inBytes()), this.sendTimeLimit);
        this.closeAnswer.opened(session);
        String protocol = (session.getAcceptedProtocol() != null) ? session.getAcceptedProtocol() : "";
        // This container thread may block, as plain Spring WebSocket handlers do: it runs
        // this
        // peer's handler itself when nothing else is queued for the peer.
        SerialTaskQueue.runAsOwner(connection, () -> {
            PeerSession peer = this.endpoint.open(connection, protocol);
            session.getAttributes().put(PEER, peer);
            session.getAttributes().put(CONNECTION, connection);
            closeAtExpiry(session, peer);
        });
    }

    // A token is checked once, by the application's filters at the upgrade: a peer must
    // not
    // outlive it (1008, policy violation), as on the dedicated port.
    private void closeAtExpiry(WebSocketSession session, PeerSession peer) {
        Instant expiresAt = CredentialExpiry.of(session.getPrincipal());
        if (expiresAt == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        CompletableFuture<Void> expiry = CompletableFuture.runAsync(() -> {
            logger.debug(peer + ": credentials expired at " + expiresAt + ", closing with 1008");
            peer.close(1008, CredentialExpiry.REASON);
        }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, this.closeExecutor));
        session.getAttributes().put(EXPIRY, expiry);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // The container cuts text between characters, never inside one: each part encodes
        // alone.
        receive(session, message.asBytes(), true, message.isLast());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        java.nio.ByteBuffer payload = message.getPayload();
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        receive(session, data, false, message.isLast());
    }

    // Pongs count for the idle timeout as messages do. The peer's pings are answered by
    // the
    // container and never reach a handler: a peer that only pings and never answers ours
    // is dropped.
    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        PeerSession peer = (PeerSession) session.getAttributes().get(PEER);
        if (peer != null) {
            peer.heard();
        }
    }

    // The container delivers messages only after afterConnectionEstablished, which set
    // PEER and CONNECTION.
    @SuppressWarnings("NullAway")
    private void receive(WebSocketSession session, byte[] part, boolean text, boolean last) {
        PeerSession peer = (PeerSession) session.getAttributes().get(PEER);
        if (last) {
            // A message counts as activity for the idle timeout once whole: a peer that
            // stalls in
            // the middle of one is dropped like a silent one.
            peer.heard();
        }
        ServletConnection connection = (ServletConnection) session.getAttributes().get(CONNECTION);
        if (peer.closedLocally()) {
            // Tomcat reads on after our close frame; what the peer still sends is
            // discarded, as on
            // the dedicated port (RFC 6455 5.5.1).
            return;
        }
        MessageAssembler assembler = connection.inbound();
        if (assembler.refused()) {
            return; // the rest of a message over the limit, read before the close took
                    // effect
        }
        byte[] whole = assembler.add(part, last);
        if (assembler.refused()) {
            logger.debug(peer + " sent a message over the input limit of " + this.endpoint.limits().inKiB()
                    + " KiB; closing with 1009");
            connection.closeNow(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message too big"));
        }
        else if (whole != null) {
            deliver(peer, connection, new Packet(whole, text));
        }
    }

    private void deliver(PeerSession peer, ServletConnection connection, Packet packet) {
        SerialTaskQueue.runAsOwner(connection, () -> {
            if (!this.endpoint.received(peer, packet)) {
                connection.pauseReading();
            }
        });
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        ServletConnection connection = (ServletConnection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            connection.markFailed();
        }
        // A dropped connection is ordinary (the disconnect signal reports it unclean);
        // anything else is worth a line.
        if (exception instanceof java.io.IOException) {
            logger.debug("Connection of " + session.getAttributes().get(PEER) + " failed", exception);
        }
        else {
            logger.debug("WebSocket error on " + session.getAttributes().get(PEER) + ": " + LogSafe.text(exception));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        HandshakeRules.release(session.getAttributes());
        if (session.getAttributes().get(EXPIRY) instanceof CompletableFuture<?> expiry) {
            expiry.cancel(false);
        }
        PeerSession peer = (PeerSession) session.getAttributes().get(PEER);
        ServletConnection connection = (ServletConnection) session.getAttributes().get(CONNECTION);
        if (peer == null || connection == null) {
            return;
        }
        if (status.getCode() == CloseInfo.ABNORMAL || connection.failed()) {
            report(peer, connection, new CloseInfo(status.getCode(), "", false, false));
            return;
        }
        String reason = (status.getReason() != null) ? CloseInfo.engineReason(status.getReason()) : "";
        if (peer.closedLocally()) {
            // Tomcat reports our close as soon as its frame is written: clean only once
            // the peer answers.
            this.closeAnswer.await(session, this.closeExecutor, (answered) -> report(peer, connection,
                    answered ? new CloseInfo(status.getCode(), reason, true, false) : CloseInfo.abnormal()));
            return;
        }
        report(peer, connection, new CloseInfo(status.getCode(), reason, true, true));
    }

    private void report(PeerSession peer, ServletConnection connection, CloseInfo ended) {
        SerialTaskQueue.runAsOwner(connection, () -> this.endpoint.closed(peer, ended));
    }

}
