package io.peersocket.spi;

import io.peersocket.server.PeerSocketServer;

/**
 * One way the server's endpoints are exposed: the dedicated port, or the application's
 * own server.
 */
public interface ServerTransport {

    /**
     * @return whether it accepts connections now
     */
    boolean isListening();

    /**
     * @return the port it listens on, or -1 when not known (the application's server not
     * yet started)
     */
    int port();

    /**
     * Stops accepting new connections; open peers are left to
     * {@link PeerSocketServer#stop()}.
     */
    void stopAccepting();

    /**
     * Accepts new connections again after {@link #stopAccepting()}: the application
     * context was stopped and started again (a paused test context,
     * {@code ConfigurableApplicationContext.start()}). A transport that binds its own
     * port accepts from its start and needs nothing here.
     */
    default void resumeAccepting() {
    }

}
