package io.peersocket.peer;

/**
 * How {@link Peer#putPacket(byte[])} frames a packet, as the engine's {@code WriteMode}.
 * The engine's default is {@link #BINARY}.
 */
public enum WriteMode {

    /** Text frames: the bytes must be valid UTF-8. */
    TEXT,
    /** Binary frames. */
    BINARY

}
