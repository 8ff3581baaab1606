package io.peersocket.internal.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Who is in a relay, and the announcements that keep every client's view of it right: a
 * client that joins is sent {@code SYS_ID}, {@code SYS_ADD(1)} and a {@code SYS_ADD} per
 * other client in ascending id order, and every other client its {@code SYS_ADD}; one
 * that leaves is announced with {@code SYS_DEL}. Every client learns of every other
 * exactly once, {@code SYS_ADD} before anything from it and {@code SYS_DEL} after.
 * Clients of the same path on other instances ({@code RelayBridge}) are announced as any
 * other.
 */
final class RelayMembership {

    // The API's name: what operators grep for in the logs.
    private static final Log logger = LogFactory.getLog(RelayServer.class);

    private final boolean announce;

    // The clients by id, ascending: the order in which the engine announces them.
    private final ConcurrentSkipListMap<Integer, PeerSession> members = new ConcurrentSkipListMap<>();

    // Clients of this relay's path on other instances: announced to the clients here as
    // any other.
    private final ConcurrentSkipListSet<Integer> elsewhere = new ConcurrentSkipListSet<>();

    // Held while a client joins or leaves. A leave never waits for it: the transport may
    // report a
    // close while the leaving peer's send lock is held (a close or a failed write that
    // ends the
    // connection at once), and a join holding this lock may be sending to that very peer.
    // Leaves
    // are queued and run by whoever holds or next takes the lock.
    private final ReentrantLock lock = new ReentrantLock();

    private final Queue<Runnable> pendingLeaves = new ConcurrentLinkedQueue<>();

    /**
     * @param announce whether clients are told of each other
     * ({@code RelayOptions.announcePeers})
     */
    RelayMembership(boolean announce) {
        this.announce = announce;
    }

    /**
     * Adds a client and sends the announcements. On return it is a target of the routing.
     * @param peer the new client
     */
    void join(PeerSession peer) {
        int id = peer.id();
        this.lock.lock();
        try {
            runPendingLeaves();
            // Each client sees what the engine sends it, in the engine's order; only the
            // interleaving
            // across connections differs: the newcomer is told of everybody and made a
            // target before
            // anybody is told of it, so that a client can answer a SYS_ADD at once
            // (Godot's
            // MultiplayerAPI does) and never gets a packet from a peer it has not been
            // told of.
            sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ID, id));
            sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ADD, RelayFrame.SERVER_ID));
            List<PeerSession> others = this.announce ? new ArrayList<>(this.members.values()) : List.of();
            if (this.elsewhere.isEmpty() || !this.announce) {
                for (PeerSession other : others) {
                    sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ADD, other.id()));
                }
            }
            else {
                // Clients here and on other instances together, in ascending id order.
                TreeSet<Integer> ids = new TreeSet<>(this.elsewhere);
                others.forEach((other) -> ids.add(other.id()));
                ids.remove(id);
                for (int other : ids) {
                    sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ADD, other));
                }
            }
            this.members.put(id, peer);
            byte[] added = RelayFrame.system(RelayFrame.SYS_ADD, id);
            for (PeerSession other : others) {
                sendSystem(other, added);
            }
        }
        finally {
            this.lock.unlock();
        }
        drainLeaves();
    }

    /**
     * Removes a client and announces it gone, now or, when another thread holds the
     * membership, as soon as that thread is done; never waiting.
     * @param peer the client that left
     * @param then runs right after, in the same order as the leaves (the application's
     * signals)
     */
    void leave(PeerSession peer, Runnable then) {
        this.pendingLeaves.add(() -> {
            int id = peer.id();
            if (this.members.remove(id, peer) && this.announce) {
                announce(RelayFrame.SYS_DEL, id);
            }
            then.run();
        });
        drainLeaves();
    }

    /**
     * A client of this path joined another instance: every client here is sent its
     * SYS_ADD.
     * @param id its id
     */
    void joinedElsewhere(int id) {
        this.lock.lock();
        try {
            if (this.elsewhere.add(id) && this.announce) {
                announce(RelayFrame.SYS_ADD, id);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * A client of this path left another instance: every client here is sent its SYS_DEL.
     * @param id its id
     */
    void leftElsewhere(int id) {
        this.lock.lock();
        try {
            if (this.elsewhere.remove(id) && this.announce) {
                announce(RelayFrame.SYS_DEL, id);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * @param id a client's id
     * @return that client of this instance, or {@code null}
     */
    @Nullable PeerSession get(int id) {
        return this.members.get(id);
    }

    /**
     * @return the clients of this instance in ascending id order (a live view)
     */
    Collection<PeerSession> here() {
        return this.members.values();
    }

    /**
     * @return how many clients this instance holds
     */
    int count() {
        return this.members.size();
    }

    /**
     * @param id a client's id
     * @return whether it is a client of this path on another instance
     */
    boolean isElsewhere(int id) {
        return this.elsewhere.contains(id);
    }

    /**
     * @return whether other instances hold clients of this path
     */
    boolean anyElsewhere() {
        return !this.elsewhere.isEmpty();
    }

    /**
     * @return the ids of this path's clients on other instances, ascending
     */
    List<Integer> idsElsewhere() {
        return new ArrayList<>(this.elsewhere);
    }

    /**
     * @return every client's id, here and elsewhere, ascending
     */
    List<Integer> ids() {
        if (this.elsewhere.isEmpty()) {
            return new ArrayList<>(this.members.keySet());
        }
        TreeSet<Integer> ids = new TreeSet<>(this.members.keySet());
        ids.addAll(this.elsewhere);
        return new ArrayList<>(ids);
    }

    /**
     * @param id a client's id
     * @return whether it is a client of this path, here or elsewhere
     */
    boolean contains(int id) {
        return this.members.containsKey(id) || this.elsewhere.contains(id);
    }

    // Caller holds the lock.
    private void announce(int type, int id) {
        byte[] frame = RelayFrame.system(type, id);
        for (PeerSession other : this.members.values()) {
            sendSystem(other, frame);
        }
    }

    // Runs the queued leaves unless another thread is at it; a thread inside a join
    // leaves them
    // to the end of that join.
    private void drainLeaves() {
        while (!this.pendingLeaves.isEmpty() && !this.lock.isHeldByCurrentThread() && this.lock.tryLock()) {
            try {
                runPendingLeaves();
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    // Caller holds the lock.
    private void runPendingLeaves() {
        Runnable leave;
        while ((leave = this.pendingLeaves.poll()) != null) {
            leave.run();
        }
    }

    private static void sendSystem(PeerSession peer, byte[] frame) {
        PeerError result = peer.send(frame, WriteMode.BINARY);
        if (result == PeerError.ERR_OUT_OF_MEMORY) {
            logger.warn("Could not send " + RelayFrame.typeName(RelayFrame.typeOf(frame)) + "("
                    + RelayFrame.peerIdOf(frame) + ") to " + peer + ": its output limit is full; raise "
                    + "peersocket.server.buffers.out-packets above the number of relay peers");
        }
    }

}
