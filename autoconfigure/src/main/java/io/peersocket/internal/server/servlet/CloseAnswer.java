package io.peersocket.internal.server.servlet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.web.socket.WebSocketSession;

/**
 * Tells whether a peer answered our close frame with its own. The servlet container
 * reports a session's end as soon as our close frame is written, before any answer: where
 * it can, this finds out afterwards, so that a peer is reported clean only once its own
 * close frame arrived.
 */
interface CloseAnswer {

    /**
     * The container cannot tell: a close frame written without error counts as answered.
     */
    CloseAnswer NONE = new CloseAnswer() {

        @Override
        public void opened(WebSocketSession session) {
        }

        @Override
        public void await(WebSocketSession session, Executor executor, Consumer<Boolean> answered) {
            answered.accept(true);
        }

    };

    /** How long a peer has to answer our close frame, as on the dedicated port. */
    long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(3);

    /** Called once the session is open, to prepare it. */
    void opened(WebSocketSession session);

    /**
     * Called once the container has reported the end of a session that we closed.
     * @param executor where to run {@code answered}
     * @param answered takes whether the peer's close frame arrived within
     * {@link #TIMEOUT_MS}
     */
    void await(WebSocketSession session, Executor executor, Consumer<Boolean> answered);

    /** Checks {@code done} with growing pauses until it holds or the time is up. */
    static void poll(java.util.function.BooleanSupplier done, long deadlineNanos, long pauseMs, Executor executor,
            Consumer<Boolean> answered) {
        if (done.getAsBoolean()) {
            answered.accept(true);
            return;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            answered.accept(false);
            return;
        }
        CompletableFuture.runAsync(() -> poll(done, deadlineNanos, Math.min(100, pauseMs * 2), executor, answered),
                CompletableFuture.delayedExecutor(pauseMs, TimeUnit.MILLISECONDS, executor));
    }

}
