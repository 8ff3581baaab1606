package io.peersocket.multiplayer;

import io.peersocket.peer.Peer;

/**
 * The signals a relay endpoint gives its own application, peer 1: the engine's
 * {@code peer_connected}, {@code peer_disconnected} and {@code peer_packet}. For code
 * that implements an interface rather than annotating {@code @PeerConnected},
 * {@code @PeerPacket} and {@code @PeerDisconnected} methods. Delivered in the server's
 * dispatch mode: in push mode on a handler thread, never two at once for one peer and in
 * arrival order; in poll mode inside {@code poll()}.
 */
public interface MultiplayerListener {

    /** Ignores every signal: a relay with no application of its own. */
    MultiplayerListener NONE = new MultiplayerListener() {
    };

    /**
     * {@code peer_connected(id)}: a client joined and has been told its id and the other
     * peers.
     * @param relay the relay
     * @param peer the new peer
     */
    default void peerConnected(RelayServer relay, Peer peer) {
    }

    /**
     * {@code peer_disconnected(id)}: a client left and the others have been told.
     * @param relay the relay
     * @param peer the peer, no longer connected
     */
    default void peerDisconnected(RelayServer relay, Peer peer) {
    }

    /**
     * {@code peer_packet(source)}: a client sent a payload that peer 1 receives:
     * addressed to 1, to everybody (0), or to everybody but N (-N, N not 1).
     * @param relay the relay
     * @param source the sender
     * @param target the target it was sent to (1, 0 or -N)
     * @param payload the payload, without the relay header; owned by the callee
     */
    default void peerPacket(RelayServer relay, Peer source, int target, byte[] payload) {
    }

}
