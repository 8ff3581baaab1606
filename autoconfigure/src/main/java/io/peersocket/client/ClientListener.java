package io.peersocket.client;

import io.peersocket.peer.Peer;

/**
 * The engine's {@code WebSocketClient} signals, for code that registers a listener rather than an
 * annotated {@code @PacketHandler(client = ...)} bean. In push mode each method runs on a handler
 * thread, one at a time per client and in order; in poll mode only inside
 * {@link PeerSocketClient#poll()}, on the polling thread. Every method receives the server as
 * peer 1: the same object as {@link PeerSocketClient#getPeer(int) getPeer(1)}.
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
     * {@code connection_error()}: the connection could not be made. The engine gives no cause;
     * here it is the exception (refused, timed out, TLS, HTTP status, unexpected subprotocol),
     * also logged.
     * @param server the server, not connected
     * @param cause why
     */
    default void connectionError(Peer server, Throwable cause) {
    }

}
