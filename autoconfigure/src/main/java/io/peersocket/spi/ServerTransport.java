package io.peersocket.spi;

import io.peersocket.server.PeerSocketServer;

/** One way the server's endpoints are exposed: the dedicated port, or the application's own server. */
public interface ServerTransport {

    /** @return whether it accepts connections now */
    boolean isListening();

    /** @return the port it listens on, or -1 when not known (the application's server not yet started) */
    int port();

    /** Stops accepting new connections; open peers are left to {@link PeerSocketServer#stop()}. */
    void stopAccepting();

}
