package io.peersocket.spi;

import io.peersocket.peer.Peer;

/**
 * Surrounds every application callback of a runtime (a signal delivered to a handler):
 * the observation and the MDC of {@code io.peersocket.observation} live here, so that the
 * core knows nothing of Micrometer or of a logging API. Called on the handler's thread,
 * once per callback.
 */
@FunctionalInterface
public interface HandlerScope {

    /**
     * Runs the callback; what it throws must be thrown on (the runtime logs it and
     * applies its handler error policy).
     * @param peer the peer whose signal it is
     * @param signal the signal's name, a constant such as {@code data_received}
     * @param callback the application's callback
     */
    void run(Peer peer, String signal, Runnable callback);

}
