package io.peersocket.client;

import io.peersocket.peer.Peer;

/**
 * The engine's {@code WebSocketClient} signals, for code that registers a listener rather
 * than an annotated {@code @PacketHandler(client = ...)} bean. In push mode each method
 * runs on a handler thread, one at a time per client and in order; in poll mode only
 * inside {@link PeerSocketClient#poll()}, on the polling thread. Every method receives
 * the server as peer 1: the same object as {@link PeerSocketClient#getPeer(int)
 * getPeer(1)}.
 */
public interface ClientListener {

    /**
     * {@code connection_established(protocol)}.
     * @param server the server, peer 1
     * @param protocol the subprotocol the server selected, empty when none
     */
    default void connectionEstablished(Peer server, String protocol) {
    }

    /**
     * {@code data_received()}: a packet waits in {@link Peer#getPacket()}.
     * @param server the server, peer 1
     */
    default void dataReceived(Peer server) {
    }

    /**
     * {@code server_close_request(code, reason)}: the server started a close handshake;
     * {@link #connectionClosed} follows.
     * @param server the server, peer 1
     * @param code its close code
     * @param reason its reason (a trailing NUL, as the engine sends, removed)
     */
    default void serverCloseRequest(Peer server, int code, String reason) {
    }

    /**
     * {@code connection_closed(was_clean_close)}.
     * @param server the server, no longer connected; unread packets can still be read
     * @param wasClean whether the close handshake completed
     */
    default void connectionClosed(Peer server, boolean wasClean) {
    }

    /**
     * {@code connection_error()}: the connection could not be made. The engine gives no
     * cause; here it is the exception (refused, timed out, TLS, HTTP status, unexpected
     * subprotocol), also logged.
     * @param server the server, not connected
     * @param cause why
     */
    default void connectionError(Peer server, Throwable cause) {
    }

    // ---- relay mode (gd_mp_api) ----

    /**
     * {@code peer_connected(id)}: the server announced a peer ({@code SYS_ADD}); it is in
     * {@link RelayClient#getPeerIds()} now. The server itself (1) comes first, then
     * {@link #connectionSucceeded}.
     * @param relay the client's multiplayer side
     * @param id the peer
     */
    default void peerConnected(RelayClient relay, int id) {
    }

    /**
     * {@code peer_disconnected(id)}: the server announced that a peer left
     * ({@code SYS_DEL}).
     * @param relay the client's multiplayer side
     * @param id the peer
     */
    default void peerDisconnected(RelayClient relay, int id) {
    }

    /**
     * {@code connection_succeeded()}: the server told this client its id and announced
     * itself; {@link RelayClient#getUniqueId()} is set.
     * @param relay the client's multiplayer side
     */
    default void connectionSucceeded(RelayClient relay) {
    }

    /**
     * {@code peer_packet(peer_source)}: a payload waits in
     * {@link RelayClient#getPacket()}; its source is {@link RelayClient#getPacketPeer()}
     * until it is read.
     * @param relay the client's multiplayer side
     * @param source the sender's id
     */
    default void peerPacket(RelayClient relay, int source) {
    }

    /**
     * {@code server_disconnected()}: a connection that had succeeded ended.
     * @param relay the client's multiplayer side
     */
    default void serverDisconnected(RelayClient relay) {
    }

    /**
     * {@code connection_failed()}: the connection could not be made, or ended before the
     * server told this client its id.
     * @param relay the client's multiplayer side
     * @param cause why (the connect error, or an {@code IllegalStateException} naming the
     * close)
     */
    default void connectionFailed(RelayClient relay, Throwable cause) {
    }

}
