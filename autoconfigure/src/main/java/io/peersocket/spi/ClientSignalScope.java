package io.peersocket.spi;

/**
 * Surrounds each call of a client's listener (a {@code @PacketHandler(client = ...)}
 * method or a {@code ClientListener}) with what the application wants around its code:
 * the {@code peersocket.handler} observation and the MDC of
 * {@code io.peersocket.observation}, so that the client knows nothing of Micrometer or of
 * a logging API. The client's counterpart of {@link HandlerScope}. Called on the thread
 * that runs the signal, once per listener call.
 */
@FunctionalInterface
public interface ClientSignalScope {

    /** Runs the call as it is. */
    ClientSignalScope NONE = (client, endpoint, signal, callback) -> callback.run();

    /**
     * Runs the callback; what it throws must be thrown on (the client logs and counts
     * it).
     * @param client the name of the client whose signal it is (a named connection's name)
     * @param endpoint the path of the URL the client connected to, {@code /} when it has
     * none
     * @param signal the engine's name of the signal, such as
     * {@code connection_established}
     * @param callback the listener's call
     */
    void run(String client, String endpoint, String signal, Runnable callback);

}
