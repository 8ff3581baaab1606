package io.peersocket.spi;

/**
 * What the core reports for operations (metrics, logs). Methods are called on I/O threads
 * and must be cheap. Every argument is low-cardinality: never a peer id.
 */
public interface PeerSocketObserver {

    /** Observes nothing. */
    PeerSocketObserver NONE = new PeerSocketObserver() {
    };

    /**
     * @param path the endpoint
     */
    default void opened(String path) {
    }

    /**
     * @param path the endpoint
     * @param close how it ended
     */
    default void closed(String path, CloseInfo close) {
    }

    /**
     * @param path the endpoint
     * @param reason why the upgrade was refused (a short constant such as
     * {@code protocol})
     */
    default void handshakeRefused(String path, String reason) {
    }

    /**
     * @param path the endpoint
     * @param bytes the message size
     * @param text whether it was a text frame
     */
    default void received(String path, int bytes, boolean text) {
    }

    /**
     * @param path the endpoint
     * @param bytes the message size
     * @param text whether it was a text frame
     */
    default void sent(String path, int bytes, boolean text) {
    }

    /**
     * @param path the endpoint
     * @param reason why (for example {@code output-full})
     */
    default void dropped(String path, String reason) {
    }

    /**
     * Reading from a peer's socket paused: its input queue is full, or (dedicated port)
     * its socket does not take the pong written to it.
     * @param path the endpoint
     */
    default void readingPaused(String path) {
    }

    /**
     * A multiplayer relay routed one payload.
     * @param path the endpoint
     * @param route {@code peer} (to one client), {@code broadcast} (0), {@code exclusion}
     * (-N), or {@code server} (sent by the application, peer 1)
     * @param copies how many clients it was sent to
     */
    default void relayed(String path, String route, int copies) {
    }

    /**
     * @param path the endpoint
     * @param error what the handler threw
     */
    default void handlerError(String path, Throwable error) {
    }

    /**
     * Whether {@link #handled(String, long)} is wanted: when no observer times handlers
     * the core does not read the clock around each callback.
     * @return {@code true} to receive {@link #handled(String, long)}
     */
    default boolean timesHandlers() {
        return false;
    }

    /**
     * An application callback (a signal delivered to a handler) returned or threw.
     * @param path the endpoint
     * @param nanos how long it ran
     */
    default void handled(String path, long nanos) {
    }

    /**
     * The server stopped and this peer had not finished its close handshake within the
     * shutdown timeout: its connection is dropped.
     * @param path the endpoint
     */
    default void droppedOnShutdown(String path) {
    }

    /**
     * A peer sent no complete frame within the idle timeout and is dropped (the core's
     * liveness sweep); its {@link #closed(String, CloseInfo)} follows, unclean with code
     * 1006.
     * @param path the endpoint
     */
    default void idleTimedOut(String path) {
    }

}
