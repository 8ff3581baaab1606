package io.peersocket.server.servlet;

import java.util.List;
import java.util.concurrent.Executor;

import io.peersocket.core.CloseInfo;
import io.peersocket.core.PeerEndpoint;
import io.peersocket.core.PeerSession;
import io.peersocket.core.SerialTaskQueue;
import io.peersocket.logging.LogSafe;
import io.peersocket.peer.Packet;
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
 * A Spring WebSocket handler that puts one endpoint's peers on the core, on the application's
 * own servlet container.
 */
final class ServletPeerHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    private static final Log logger = LogFactory.getLog(ServletPeerHandler.class);

    private static final String PEER = "peersocket.peer";

    private static final String CONNECTION = "peersocket.connection";

    private final PeerEndpoint endpoint;

    private final Executor writeExecutor;

    private final ReadPause readPause;

    private final CloseAnswer closeAnswer;

    ServletPeerHandler(PeerEndpoint endpoint, Executor writeExecutor, ReadPause readPause, CloseAnswer closeAnswer) {
        this.endpoint = endpoint;
        this.writeExecutor = writeExecutor;
        this.readPause = readPause;
        this.closeAnswer = closeAnswer;
    }

    PeerEndpoint endpoint() {
        return this.endpoint;
    }

    @Override
    public List<String> getSubProtocols() {
        return this.endpoint.offeredProtocols();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // The engine's input buffer is also the largest message: the container closes with 1009 past it.
        session.setTextMessageSizeLimit(this.endpoint.limits().inBytes());
        session.setBinaryMessageSizeLimit(this.endpoint.limits().inBytes());
        ServletConnection connection = new ServletConnection(session, this.writeExecutor, this.readPause);
        this.closeAnswer.opened(session);
        String protocol = (session.getAcceptedProtocol() != null) ? session.getAcceptedProtocol() : "";
        // This container thread may block, as plain Spring WebSocket handlers do: it runs this
        // peer's handler itself when nothing else is queued for the peer.
        SerialTaskQueue.runAsOwner(connection, () -> {
            PeerSession peer = this.endpoint.open(connection, protocol);
            session.getAttributes().put(PEER, peer);
            session.getAttributes().put(CONNECTION, connection);
        });
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        receive(session, new Packet(message.asBytes(), true));
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        java.nio.ByteBuffer payload = message.getPayload();
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        receive(session, new Packet(data, false));
    }

    // Pongs count for the idle timeout as messages do. The peer's pings are answered by the
    // container and never reach a handler: a peer that only pings and never answers ours is dropped.
    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        PeerSession peer = (PeerSession) session.getAttributes().get(PEER);
        if (peer != null) {
            peer.heard();
        }
    }

    private void receive(WebSocketSession session, Packet packet) {
        PeerSession peer = (PeerSession) session.getAttributes().get(PEER);
        // The container hands over whole messages: each counts as activity for the idle timeout.
        peer.heard();
        ServletConnection connection = (ServletConnection) session.getAttributes().get(CONNECTION);
        if (peer.closedLocally()) {
            // Tomcat reads on after our close frame; what the peer still sends is discarded, as on
            // the dedicated port (RFC 6455 5.5.1).
            return;
        }
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
        // A dropped connection is ordinary (the disconnect signal reports it unclean); anything else is worth a line.
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
            // Tomcat reports our close as soon as its frame is written: clean only once the peer answers.
            this.closeAnswer.await(session, this.writeExecutor, (answered) -> report(peer, connection,
                    answered ? new CloseInfo(status.getCode(), reason, true, false) : CloseInfo.abnormal()));
            return;
        }
        report(peer, connection, new CloseInfo(status.getCode(), reason, true, true));
    }

    private void report(PeerSession peer, ServletConnection connection, CloseInfo ended) {
        SerialTaskQueue.runAsOwner(connection, () -> this.endpoint.closed(peer, ended));
    }

}
