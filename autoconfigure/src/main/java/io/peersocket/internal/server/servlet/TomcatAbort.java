package io.peersocket.internal.server.servlet;

import jakarta.websocket.CloseReason;
import org.apache.tomcat.websocket.WsSession;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Drops a Tomcat WebSocket connection as Tomcat itself does after a read error: a close
 * frame is attempted with Tomcat's short send timeout for abnormal closes (the peer may
 * not read at all), then the socket is closed and the session ends with 1006. A plain
 * {@code session.close()} would wait for the peer's answer (Tomcat's session close
 * timeout) and, when sends are stuck behind a peer that does not read, block the caller.
 */
final class TomcatAbort {

    private TomcatAbort() {
    }

    /**
     * @param session a session of the servlet transport
     * @param reason why, in the close frame
     * @return whether it was a Tomcat session, now closed
     */
    static boolean abort(WebSocketSession session, String reason) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof WsSession tomcat) {
            tomcat.doClose(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason),
                    new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason), true);
            return true;
        }
        return false;
    }

}
