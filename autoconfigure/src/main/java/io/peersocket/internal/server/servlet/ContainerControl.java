package io.peersocket.internal.server.servlet;

import java.io.IOException;
import java.time.Duration;

import jakarta.websocket.Session;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * What the servlet transport needs from the container beyond the WebSocket API: pausing
 * reads (TCP backpressure) and failing a connection at once (close frame, then the TCP
 * close, as the dedicated port does on a protocol error, instead of waiting for the
 * peer's close frame).
 */
interface ContainerControl {

    /**
     * Cannot pause: the caller closes the peer instead; closes with the standard close
     * handshake.
     */
    ContainerControl NONE = new ContainerControl() {
        @Override
        public boolean pause(WebSocketSession session) {
            return false;
        }

        @Override
        public void resume(WebSocketSession session) {
        }
    };

    /**
     * @return whether reading is paused
     */
    boolean pause(WebSocketSession session);

    void resume(WebSocketSession session);

    /**
     * Sends a close frame and ends the connection without waiting for the peer's.
     * @param session the session to fail
     * @param status the close code and reason
     */
    /**
     * Bounds the container's blocking sends of this session (close frames, pongs): a peer
     * that reads nothing must not hold a thread longer than the send-time limit.
     * @param session the container's session
     * @param limit the longest a blocking send may wait
     */
    default void limitBlockingSends(Session session, Duration limit) {
    }

    default void closeNow(WebSocketSession session, CloseStatus status) throws IOException {
        session.close(status);
    }

}
