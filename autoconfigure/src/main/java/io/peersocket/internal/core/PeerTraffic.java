package io.peersocket.internal.core;

import io.peersocket.peer.Packet;
import io.peersocket.spi.CloseInfo;

/**
 * What an endpoint does with its peers once they are registered: the seam between the
 * core's bookkeeping (ids, limits, close state) and what the peers' traffic means. The
 * default, {@link SignalTraffic}, is the engine's plain server (every message waits in
 * the peer's queue and signals {@code data_received}); the multiplayer relay is another.
 * Chosen once per endpoint.
 * <p>
 * Methods are called on transport threads, per peer in order: {@link #opened} before any
 * {@link #received}, {@link #closed} once, last. They must not block; application code
 * runs through {@link PeerSession#dispatch} in the runtime's dispatch mode.
 */
public interface PeerTraffic {

    /**
     * A connection completed its upgrade and its peer is registered.
     * @param peer the new peer
     */
    void opened(PeerSession peer);

    /**
     * A whole message arrived.
     * @param peer the sender
     * @param packet the message, owned by the callee
     * @return whether the transport may read on; when {@code false} it waits for
     * {@link Connection#resumeReading()}
     */
    boolean received(PeerSession peer, Packet packet);

    /**
     * The connection is gone. The implementation must end with
     * {@link PeerSession#dispatchLast(Runnable)}, which releases the peer's id.
     * @param peer the peer
     * @param close how it ended
     * @param closeRequest whether the peer started the close (the engine then signals
     * {@code client_close_request} first)
     */
    void closed(PeerSession peer, CloseInfo close, boolean closeRequest);

    /**
     * @return whether new connections are refused at the upgrade (HTTP 503), as the
     * engine's {@code set_refuse_new_connections(true)}
     */
    default boolean isRefusingNewConnections() {
        return false;
    }

}
