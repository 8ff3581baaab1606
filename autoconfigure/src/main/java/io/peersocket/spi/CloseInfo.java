package io.peersocket.spi;

/**
 * How a connection ended, as the transport saw it.
 *
 * @param code the close code received from the peer, or 1006 when no close frame came
 * @param reason the reason received, without the engine's trailing NUL
 * @param clean whether the close handshake completed
 * @param remoteInitiated whether the peer sent its close frame first
 */
public record CloseInfo(int code, String reason, boolean clean, boolean remoteInitiated) {

    /** Code for a connection dropped without a close frame (never sent on the wire). */
    public static final int ABNORMAL = 1006;

    /**
     * A connection that dropped without a close handshake.
     * @return the info
     */
    public static CloseInfo abnormal() {
        return new CloseInfo(ABNORMAL, "", false, false);
    }

    /**
     * Drops one trailing NUL byte: the engine sends its close reason NUL-terminated.
     * @param reason a received reason
     * @return the reason as the sender meant it
     */
    public static String engineReason(String reason) {
        return reason.endsWith("\0") ? reason.substring(0, reason.length() - 1) : reason;
    }

}
