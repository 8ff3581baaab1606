package io.peersocket.peer;

/**
 * The engine's server signals, for code that registers a listener rather than an annotated
 * {@code @PacketHandler} bean. In push mode each method runs on a handler thread, never two
 * at once for one peer and in arrival order; in poll mode they run inside {@code poll()}.
 */
public interface PeerListener {

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
