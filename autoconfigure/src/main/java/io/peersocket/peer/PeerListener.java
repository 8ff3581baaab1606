package io.peersocket.peer;

/**
 * The engine's server signals, for code that registers a listener rather than an
 * annotated {@code @PacketHandler} bean. In push mode each method runs on a handler
 * thread, never two at once for one peer and in arrival order; in poll mode they run
 * inside {@code poll()}.
 */
public interface PeerListener {

    /**
     * Whether these methods may block (a database call). {@code true}, the default, runs
     * them on handler threads (on the servlet transport, on the container's thread that
     * read the message). {@code false} promises they never block: in push mode they then
     * run on the I/O thread that read the message, without a thread hand-off, still one
     * at a time per peer and in order. A blocking call there stalls every peer served by
     * that thread.
     * @return whether the methods may block
     */
    default boolean blocking() {
        return true;
    }

    /**
     * The authorities a client needs, any one of them, to be upgraded to this listener's
     * endpoint: checked against the authenticated principal before the upgrade (401
     * without one, 403 without any of them). Empty, the default: everyone the transport
     * lets in.
     * @return the authorities, e.g. {@code ROLE_PLAYER} or {@code SCOPE_game}
     */
    default java.util.Set<String> authorities() {
        return java.util.Set.of();
    }

    /**
     * {@code client_connected(id, protocol)}.
     * @param peer the new peer
     * @param protocol the selected subprotocol, empty when none
     */
    default void clientConnected(Peer peer, String protocol) {
    }

    /**
     * {@code data_received(id)}: a packet waits in {@link Peer#getPacket()}.
     * @param peer the peer
     */
    default void dataReceived(Peer peer) {
    }

    /**
     * {@code client_close_request(id, code, reason)}: the peer started a close handshake.
     * @param peer the peer
     * @param code its close code
     * @param reason its reason (a trailing NUL, as the engine sends, removed)
     */
    default void clientCloseRequest(Peer peer, int code, String reason) {
    }

    /**
     * {@code client_disconnected(id, was_clean_close)}.
     * @param peer the peer, no longer connected; unread packets can still be read
     * @param wasClean whether the close handshake completed
     */
    default void clientDisconnected(Peer peer, boolean wasClean) {
    }

}
