package io.peersocket.server.servlet;

import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/** Tomcat's {@link WsSession#suspend()}: the socket is not read until resumed (TCP backpressure). */
final class TomcatReadPause implements ReadPause {

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

    static @Nullable WsSession tomcatSession(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof WsSession tomcat) {
            return tomcat;
        }
        return null;
    }

}
