package io.peersocket.internal.server.servlet;

import java.io.IOException;
import java.time.Duration;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Tomcat's {@link WsSession#suspend()}: the socket is not read until resumed (TCP
 * backpressure); and its {@code doClose(..., closeSocket)}, which fails a session as
 * Tomcat does on its own protocol errors: close frame, then the TCP close; and its bound
 * on blocking sends.
 */
final class TomcatControl implements ContainerControl {

    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    @Override
    public boolean pause(WebSocketSession session) {
        WsSession tomcat = tomcatSession(session);
        if (tomcat == null) {
            return false;
        }
        tomcat.suspend();
        return true;
    }

    @Override
    public void resume(WebSocketSession session) {
        WsSession tomcat = tomcatSession(session);
        if (tomcat != null) {
            tomcat.resume();
        }
    }

    @Override
    public void limitBlockingSends(Session session, Duration limit) {
        // Tomcat's default is 20 s; it reads this session property as a Long of
        // milliseconds.
        session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, limit.toMillis());
    }

    @Override
    public void closeNow(WebSocketSession session, CloseStatus status) throws IOException {
        WsSession tomcat = tomcatSession(session);
        if (tomcat == null) {
            session.close(status);
            return;
        }
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()),
                (status.getReason() != null) ? status.getReason() : "");
        tomcat.doClose(reason, reason, true);
    }

    static @Nullable WsSession tomcatSession(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof WsSession tomcat) {
            return tomcat;
        }
        return null;
    }

}
