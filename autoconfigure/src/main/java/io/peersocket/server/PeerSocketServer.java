package io.peersocket.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/**
 * The server, as the engine's {@code WebSocketServer}: its peers by id, {@code poll()},
 * {@code disconnect_peer}, {@code stop()}. One bean serves every endpoint of the
 * application.
 * <p>
 * Applications inject it; they do not implement it (the auto-configuration builds the one
 * implementation). Besides the engine's calls it has a small read API for operations:
 * {@link #openPeers()}, {@link #openPeer(int)} and {@link #endpointProtocols()}.
 */
public interface PeerSocketServer {

    /**
     * @return whether a transport accepts connections ({@code is_listening})
     */
    boolean isListening();

    /**
     * @return the port the dedicated transport listens on, or -1
     */
    int port();

    /**
     * Whether a peer is connected, as {@code has_peer(id)}.
     * @param id the peer id
     * @return whether a peer with this id is connected
     */
    default boolean hasPeer(int id) {
        return getPeer(id) != null;
    }

    /**
     * The peer with an id, as {@code get_peer(id)}.
     * @param id the peer id
     * @return the peer, or {@code null} when none is connected with that id
     */
    @Nullable Peer getPeer(int id);

    /**
     * @return the connected peers
     */
    Collection<? extends Peer> peers();

    /**
     * The remote address of a peer, as {@code get_peer_address(id)}.
     * @param id the peer id
     * @return the peer's remote address, or an empty string when there is no such peer
     */
    default String getPeerAddress(int id) {
        Peer peer = getPeer(id);
        return (peer != null) ? peer.getConnectedHost() : "";
    }

    /**
     * The remote port of a peer, as {@code get_peer_port(id)}.
     * @param id the peer id
     * @return the peer's remote port, or 0 when there is no such peer
     */
    default int getPeerPort(int id) {
        Peer peer = getPeer(id);
        return (peer != null) ? peer.getConnectedPort() : 0;
    }

    /**
     * Closes a peer with 1000 and no reason, as {@code disconnect_peer(id)}; its
     * disconnect signal follows.
     * @param id the peer id
     */
    default void disconnectPeer(int id) {
        disconnectPeer(id, 1000, "");
    }

    /**
     * Closes a peer ({@code disconnect_peer(id, code, reason)}); its disconnect signal
     * follows.
     * @param id the peer
     * @param code the close code
     * @param reason the reason
     */
    default void disconnectPeer(int id, int code, String reason) {
        Peer peer = getPeer(id);
        if (peer != null) {
            peer.close(code, reason);
        }
    }

    /**
     * Delivers every pending event on the calling thread, in order ({@code poll()}).
     * Needed only with {@code peersocket.server.dispatch=poll}; harmless in push mode.
     * @return how many events were delivered
     */
    int poll();

    /**
     * Stops accepting, closes every peer with 1001 (going away) and waits up to the
     * timeout for the closes to complete ({@code stop()}); the peers still open then are
     * dropped without a close handshake and counted.
     * @param timeout how long to wait
     * @return whether every peer closed in time
     */
    boolean stop(Duration timeout);

    /** Stops with a 5 second wait, as {@link #stop(Duration)}. */
    default void stop() {
        stop(Duration.ofSeconds(5));
    }

    /**
     * @return whether {@link #stop(Duration)} has begun: new peers are refused and the
     * open ones are being closed (health reports OUT_OF_SERVICE)
     */
    boolean isDraining();

    /**
     * @return a snapshot of every open peer, oldest first
     */
    List<OpenPeer> openPeers();

    /**
     * @param id a peer id
     * @return a snapshot of the peer, or {@code null} when no peer with this id is open
     */
    @Nullable OpenPeer openPeer(int id);

    /**
     * @return each endpoint's path and the subprotocols it offers (empty: none), in
     * declaration order
     */
    Map<String, List<String>> endpointProtocols();

}
