package io.peersocket.internal.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import io.peersocket.peer.Peer;

import org.jspecify.annotations.Nullable;

/**
 * The open peers of a server by id. Ids are random positive 31-bit integers, never 0 or 1
 * (1 is the server itself), unique among the peers registered here, as the engine's.
 */
public final class PeerRegistry {

    private final Map<Integer, PeerSession> peers = new ConcurrentHashMap<>();

    // Extension point for several instances acting as one server (io.peersocket.cluster):
    // where
    // candidate ids come from (unique per node by construction) and who hears of arrivals
    // and
    // departures. Set once, before any peer connects.
    private volatile IntSupplier ids = () -> ThreadLocalRandom.current().nextInt(2, Integer.MAX_VALUE);

    private volatile @Nullable Listener listener;

    /**
     * Told of every peer registered and removed, on the thread that does it; must not
     * block.
     */
    public interface Listener {

        /**
         * @param peer a peer just registered under its id
         */
        void added(Peer peer);

        /**
         * @param peer a peer just removed; its id may be given out again
         */
        void removed(Peer peer);

    }

    /**
     * @param ids gives candidate ids: positive, never 0 or 1; a candidate already in use
     * here is drawn again
     */
    public void useIds(IntSupplier ids) {
        this.ids = ids;
    }

    /**
     * @param listener told of every peer registered and removed, or {@code null}
     */
    public void setListener(@Nullable Listener listener) {
        this.listener = listener;
    }

    /**
     * Registers a new peer under a fresh id.
     * @param factory makes the peer for the id it is given
     * @return the registered peer
     */
    public PeerSession register(IntFunction<PeerSession> factory) {
        IntSupplier ids = this.ids;
        for (;;) {
            int id = ids.getAsInt();
            if (id < 2) {
                continue;
            }
            PeerSession[] made = new PeerSession[1];
            this.peers.computeIfAbsent(id, (key) -> made[0] = factory.apply(key));
            if (made[0] != null) {
                Listener listener = this.listener;
                if (listener != null) {
                    listener.added(made[0]);
                }
                return made[0];
            }
        }
    }

    /**
     * Registers a peer under a fixed id, as a client's server peer (always 1). A previous
     * peer under that id is replaced; removing it later leaves the new one registered.
     * @param id the id
     * @param factory makes the peer for the id it is given
     * @return the registered peer
     */
    public PeerSession registerFixed(int id, IntFunction<PeerSession> factory) {
        PeerSession peer = factory.apply(id);
        this.peers.put(id, peer);
        return peer;
    }

    /**
     * @param peer a peer to forget; its id may be given out again
     */
    public void remove(PeerSession peer) {
        if (this.peers.remove(peer.id(), peer)) {
            Listener listener = this.listener;
            if (listener != null) {
                listener.removed(peer);
            }
        }
    }

    /**
     * @param id a peer id
     * @return the peer with that id, or {@code null}
     */
    public @Nullable PeerSession get(int id) {
        return this.peers.get(id);
    }

    /**
     * @return a live view of the registered peers
     */
    public Collection<PeerSession> all() {
        return Collections.unmodifiableCollection(this.peers.values());
    }

    /**
     * @return how many peers are registered
     */
    public int size() {
        return this.peers.size();
    }

}
