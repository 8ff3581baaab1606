package io.peersocket.testkit;

/**
 * The close a {@link PeerSocketTestClient} received.
 *
 * @param code the close code of the server's close frame, or 1006 when the connection
 * dropped without one (the code is never sent on the wire)
 * @param reason the reason of the close frame as received; for 1006, what broke the
 * connection
 */
public record ReceivedClose(int code, String reason) {

    /** The code for a connection that ended without a close frame. */
    public static final int ABNORMAL = 1006;

    @Override
    public String toString() {
        return this.code + (this.reason.isEmpty() ? "" : " " + this.reason);
    }

}
