package io.peersocket.testkit;

import java.net.URI;

/**
 * The server answered a {@link PeerSocketTestClient}'s upgrade request with an HTTP
 * status instead of 101.
 */
public final class HandshakeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status of the server's answer. */
    private final int status;

    HandshakeRefusedException(URI uri, int status, Throwable cause) {
        super("The WebSocket handshake with " + uri + " was refused with HTTP " + status, cause);
        this.status = status;
    }

    /**
     * @return the HTTP status of the server's answer, e.g. 400 for a subprotocol it does
     * not offer
     */
    public int status() {
        return this.status;
    }

}
