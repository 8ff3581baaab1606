package io.peersocket.peer;

/**
 * Result codes of peer operations, named after the engine's {@code Error} values so that
 * a GDScript developer recognises them. Returned instead of thrown: the send path never
 * throws.
 */
public enum PeerError {

    /** The operation succeeded. */
    OK,
    /** Generic failure. */
    FAILED,
    /**
     * Nothing to read ({@code get_packet} on an empty queue), or the peer is not
     * connected.
     */
    ERR_UNAVAILABLE,
    /**
     * An output limit ({@code set_buffers}) is full: the packet was not queued and a drop
     * was counted.
     */
    ERR_OUT_OF_MEMORY,
    /** An argument is out of range (for example a close code that may not be sent). */
    ERR_INVALID_PARAMETER,
    /** The connection could not be made. */
    ERR_CANT_CONNECT,
    /** The object is already in use (for example connecting a client twice). */
    ERR_ALREADY_IN_USE,
    /**
     * Received data is not valid (a packet that is not a Variant, for {@code get_var}).
     */
    ERR_INVALID_DATA

}
