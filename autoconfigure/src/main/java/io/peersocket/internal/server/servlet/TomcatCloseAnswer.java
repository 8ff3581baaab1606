package io.peersocket.internal.server.servlet;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsSession;

import org.springframework.web.socket.WebSocketSession;

/**
 * Tomcat's side of {@link CloseAnswer}. After our close frame Tomcat keeps reading; the
 * peer's answer moves the session to closed at once ({@link WsSession#isClosed()}), while
 * a peer that never answers is only closed once the session close timeout has passed.
 * That timeout is set to {@link CloseAnswer#TIMEOUT_MS} (Tomcat's default is 30 s), so a
 * session closed before it ends can only have been closed by the peer's answer; one still
 * open then is closed here.
 */
final class TomcatCloseAnswer implements CloseAnswer {

    @Override
    public void opened(WebSocketSession session) {
        WsSession tomcat = TomcatControl.tomcatSession(session);
        if (tomcat != null) {
            tomcat.getUserProperties().put(Constants.SESSION_CLOSE_TIMEOUT_PROPERTY, TIMEOUT_MS);
        }
    }

    @Override
    public void await(WebSocketSession session, Executor executor, Consumer<Boolean> answered) {
        WsSession tomcat = TomcatControl.tomcatSession(session);
        if (tomcat == null) {
            answered.accept(true);
            return;
        }
        // Our deadline starts before Tomcat's (set once this callback returns), so the
        // session
        // cannot have been closed by Tomcat's own timeout when it is seen closed in time.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        executor.execute(() -> CloseAnswer.poll(tomcat::isClosed, deadline, 5, executor, (closed) -> {
            if (!closed) {
                // Tomcat's own check would close it only at its next background run (up
                // to 10 s
                // later); this is how Tomcat forces a close after a protocol error.
                tomcat
                    .onClose(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "No answer to our close frame"));
            }
            answered.accept(closed);
        }));
    }

}
