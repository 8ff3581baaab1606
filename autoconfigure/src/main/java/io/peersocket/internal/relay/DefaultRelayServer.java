package io.peersocket.internal.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.peersocket.spi.RelayBridge;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.core.PeerTraffic;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayHook;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.RelayVerdict;
import io.peersocket.multiplayer.RelayedPacket;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The relay: membership (join, leave and their announcements), routing and validation of each
 * client's frames on the I/O thread that read them, the application's peer-1 calls, and the
 * counts. The endpoint serving it sees it as its {@link PeerTraffic} ({@link #traffic()}); the
 * application sees the API's {@link RelayServer}.
 */
public final class DefaultRelayServer implements RelayServer {

    // The API's name, as before the split: what operators grep for in the logs.
    private static final Log logger = LogFactory.getLog(RelayServer.class);

    private final String path;

    private final RelayOptions options;

    private final @Nullable RelayHook hook;

    private final MultiplayerListener application;

    private final PeerSocketObserver observer;

    // The clients by id, ascending: the order in which the engine announces them.
    private final ConcurrentSkipListMap<Integer, PeerSession> members = new ConcurrentSkipListMap<>();

    // Held while a client joins or leaves, so that every client learns of every other exactly
    // once, SYS_ADD before anything from it and SYS_DEL after. A leave never waits for it: the
    // transport may report a close while the leaving peer's send lock is held (a close or a failed
    // write that ends the connection at once), and a join holding this lock may be sending to that
    // very peer. Leaves are queued and run by whoever holds or next takes the lock.
    private final ReentrantLock membership = new ReentrantLock();

    private final Queue<Runnable> pendingLeaves = new ConcurrentLinkedQueue<>();

    private final Traffic traffic = new Traffic();

    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    private final LongAdder relayed = new LongAdder();

    private final LongAdder delivered = new LongAdder();

    // Clients already warned about a protocol violation: later ones are logged at debug only.
    private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

    private volatile int targetPeer = TARGET_PEER_BROADCAST;

    private volatile boolean refusing;

    private volatile VariantSettings variants = VariantSettings.DEFAULT;

    // Clients of this relay's path on other instances (RelayBridge): announced to the clients
    // here as any other, reached through the bridge.
    private final java.util.concurrent.ConcurrentSkipListSet<Integer> elsewhere =
            new java.util.concurrent.ConcurrentSkipListSet<>();

    private volatile RelayBridge bridge = RelayBridge.NONE;

    /**
     * @param path the endpoint's path
     * @param options strictness, client-to-client relay, peer announcements
     * @param hook inspects every client payload, or {@code null}
     * @param application the application's signals (peer 1)
     * @param observer receives counts for metrics
     */
    public DefaultRelayServer(String path, RelayOptions options, @Nullable RelayHook hook, MultiplayerListener application,
            PeerSocketObserver observer) {
        this.path = path;
        this.options = options;
        this.hook = hook;
        this.application = application;
        this.observer = observer;
    }

    /**
     * @return what the endpoint does with its peers' messages: this relay. For the endpoint that
     * serves it; applications do not call it.
     */
    public PeerTraffic traffic() {
        return this.traffic;
    }

    @Override
    public String path() {
        return this.path;
    }

    @Override
    public RelayOptions options() {
        return this.options;
    }

    @Override
    public VariantSettings variantSettings() {
        return this.variants;
    }

    /** @param variants how peer 1's putVar encodes Variants; set once, before any peer connects */
    public void setVariants(VariantSettings variants) {
        this.variants = variants;
    }

    // ---- the application's side: peer 1 ----

    @Override
    public int getUniqueId() {
        return RelayFrame.SERVER_ID;
    }

    @Override
    public void setTargetPeer(int target) {
        this.targetPeer = target;
    }

    @Override
    public int getTargetPeer() {
        return this.targetPeer;
    }

    /**
     * Sends from peer 1 to a target, by the relay's rules: a client, every client (0), every
     * client but N (-N). Addressed to 1 it goes nowhere (the engine's "will not send to self").
     */
    @Override
    public PeerError putPacket(int target, byte[] payload) {
        if (target == RelayFrame.SERVER_ID) {
            return PeerError.OK;
        }
        byte[] frame = RelayFrame.payload(RelayFrame.SERVER_ID, target, payload);
        if (target > RelayFrame.SERVER_ID) {
            PeerSession peer = this.members.get(target);
            if (peer == null) {
                if (this.elsewhere.contains(target) && this.bridge.forward(this, target, frame)) {
                    this.observer.relayed(this.path, "server", 1);
                    return PeerError.OK;
                }
                return PeerError.FAILED;
            }
            this.observer.relayed(this.path, "server", 1);
            return peer.send(frame, WriteMode.BINARY);
        }
        int copies = fanOut(frame, RelayFrame.SERVER_ID, -target);
        this.observer.relayed(this.path, "server", copies);
        if (!this.elsewhere.isEmpty() && !this.bridge.forward(this, target, frame)) {
            return PeerError.ERR_UNAVAILABLE;
        }
        return PeerError.OK;
    }

    @Override
    public List<Integer> getPeerIds() {
        if (this.elsewhere.isEmpty()) {
            return new ArrayList<>(this.members.keySet());
        }
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>(this.members.keySet());
        ids.addAll(this.elsewhere);
        return new ArrayList<>(ids);
    }

    @Override
    public boolean hasPeer(int id) {
        return this.members.containsKey(id) || this.elsewhere.contains(id);
    }

    @Override
    public @Nullable Peer getPeer(int id) {
        return this.members.get(id);
    }

    @Override
    public int getPeerCount() {
        return this.members.size();
    }

    @Override
    public void disconnectPeer(int id, int code, String reason) {
        PeerSession peer = this.members.get(id);
        if (peer != null) {
            peer.close(code, reason);
        }
    }

    /**
     * Refuses new connections at the upgrade with HTTP 503 while set. The engine accepts and
     * closes the TCP connection instead; either way its client reports {@code connection_failed}.
     */
    @Override
    public void setRefuseNewConnections(boolean refuse) {
        this.refusing = refuse;
    }

    @Override
    public boolean isRefusingNewConnections() {
        return this.refusing;
    }

    // ---- other instances (RelayBridge) ----

    /** @param bridge where frames for clients of other instances go; set once, before clients connect */
    public void setBridge(RelayBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * A client of this path joined another instance: every client here is sent its SYS_ADD.
     * @param id its id
     */
    public void joinedElsewhere(int id) {
        this.membership.lock();
        try {
            if (this.elsewhere.add(id) && this.options.announcePeers()) {
                byte[] added = RelayFrame.system(RelayFrame.SYS_ADD, id);
                for (PeerSession other : this.members.values()) {
                    sendSystem(other, added);
                }
            }
        }
        finally {
            this.membership.unlock();
        }
    }

    /**
     * A client of this path left another instance (or the instance is gone): every client here is
     * sent its SYS_DEL.
     * @param id its id
     */
    public void leftElsewhere(int id) {
        this.membership.lock();
        try {
            if (this.elsewhere.remove(id) && this.options.announcePeers()) {
                byte[] deleted = RelayFrame.system(RelayFrame.SYS_DEL, id);
                for (PeerSession other : this.members.values()) {
                    sendSystem(other, deleted);
                }
            }
        }
        finally {
            this.membership.unlock();
        }
    }

    /**
     * A frame from a client of another instance (or its peer 1) for clients here: to one client,
     * to every client (0) or every client but N (-N), never back to its sender. What is addressed
     * to 1 was already handed to the application of the sender's instance.
     * @param to the frame's target
     * @param frame the whole frame
     */
    public void deliverFromElsewhere(int to, byte[] frame) {
        int from = RelayFrame.fromOf(frame);
        if (to > RelayFrame.SERVER_ID) {
            PeerSession target = this.members.get(to);
            if (target != null) {
                target.send(frame, WriteMode.BINARY);
                this.observer.relayed(this.path, "peer", 1);
            }
            else {
                drop(DROP_INVALID_TARGET);
            }
            return;
        }
        if (to <= 0) {
            int copies = fanOut(frame, from, -to);
            this.observer.relayed(this.path, (to == 0) ? "broadcast" : "exclusion", copies);
        }
    }

    /** @return the ids of this path's clients on other instances */
    public List<Integer> getPeerIdsElsewhere() {
        return new ArrayList<>(this.elsewhere);
    }

    // ---- counts ----

    @Override
    public long getRelayedCount() {
        return this.relayed.sum();
    }

    @Override
    public long getDeliveredCount() {
        return this.delivered.sum();
    }

    @Override
    public long getDroppedCount() {
        return this.drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public long getDroppedCount(String reason) {
        LongAdder count = this.drops.get(reason);
        return (count != null) ? count.sum() : 0;
    }

    @Override
    public Map<String, Long> getDroppedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    // ---- the relay ----

    private void join(PeerSession peer) {
        int id = peer.id();
        this.membership.lock();
        try {
            runPendingLeaves();
            // Each client sees what the engine sends it, in the engine's order; only the interleaving
            // across connections differs: the newcomer is told of everybody and made a target before
            // anybody is told of it, so that a client can answer a SYS_ADD at once (Godot's
            // MultiplayerAPI does) and never gets a packet from a peer it has not been told of.
            sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ID, id));
            sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ADD, RelayFrame.SERVER_ID));
            List<PeerSession> others = this.options.announcePeers() ? new ArrayList<>(this.members.values()) : List.of();
            if (this.elsewhere.isEmpty() || !this.options.announcePeers()) {
                for (PeerSession other : others) {
                    sendSystem(peer, RelayFrame.system(RelayFrame.SYS_ADD, other.id()));
                }
            }
            else {
                // Clients here and on other instances together, in ascending id order.
                java.util.TreeSet<Integer> ids = new java.util.TreeSet<>(this.elsewhere);
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
            this.membership.unlock();
        }
        drainLeaves();
        peer.dispatchEvent("peer_connected", () -> this.application.peerConnected(this, peer));
    }

    private void leave(PeerSession peer, CloseInfo close, boolean closeRequest) {
        this.pendingLeaves.add(() -> {
            int id = peer.id();
            if (this.members.remove(id, peer) && this.options.announcePeers()) {
                byte[] deleted = RelayFrame.system(RelayFrame.SYS_DEL, id);
                for (PeerSession other : this.members.values()) {
                    sendSystem(other, deleted);
                }
            }
            this.warned.remove(id);
            if (closeRequest) {
                peer.dispatch("client_close_request", (listener) -> listener.clientCloseRequest(peer, close.code(), close.reason()));
            }
            peer.dispatchLast("peer_disconnected", () -> this.application.peerDisconnected(this, peer));
        });
        drainLeaves();
    }

    // Runs the queued leaves unless another thread is at it; a thread inside a join leaves them
    // to the end of that join.
    private void drainLeaves() {
        while (!this.pendingLeaves.isEmpty() && !this.membership.isHeldByCurrentThread()
                && this.membership.tryLock()) {
            try {
                runPendingLeaves();
            }
            finally {
                this.membership.unlock();
            }
        }
    }

    // Caller holds the membership lock.
    private void runPendingLeaves() {
        Runnable leave;
        while ((leave = this.pendingLeaves.poll()) != null) {
            leave.run();
        }
    }

    private void sendSystem(PeerSession peer, byte[] frame) {
        PeerError result = peer.send(frame, WriteMode.BINARY);
        if (result == PeerError.ERR_OUT_OF_MEMORY) {
            logger.warn("Could not send " + RelayFrame.typeName(RelayFrame.typeOf(frame)) + "("
                    + RelayFrame.peerIdOf(frame) + ") to " + peer + ": its output limit is full; raise "
                    + "peersocket.server.buffers.out-packets above the number of relay peers");
        }
    }

    private boolean receive(PeerSession peer, Packet packet) {
        byte[] frame = packet.data();
        if (packet.string()) {
            return violation(peer, DROP_TEXT_FRAME, 1003, "a text frame (relay messages are binary)");
        }
        if (!RelayFrame.hasHeader(frame)) {
            return violation(peer, DROP_TOO_SHORT, 1008, "a message of " + frame.length + " bytes, shorter than the header");
        }
        int type = RelayFrame.typeOf(frame);
        if (type != RelayFrame.PAYLOAD) {
            return violation(peer, DROP_SYSTEM_MESSAGE, 1008, "a system message (" + RelayFrame.typeName(type)
                    + "); only the server sends those");
        }
        int from = RelayFrame.fromOf(frame);
        if (from != peer.id()) {
            return violation(peer, DROP_SPOOFED_FROM, 1008, "a message claiming to come from " + from);
        }
        int to = RelayFrame.toOf(frame);
        RelayHook inspector = this.hook;
        if (inspector != null) {
            RelayVerdict verdict = inspect(inspector, peer, frame);
            if (verdict.isDrop()) {
                drop(DROP_HOOK);
                return true;
            }
            if (!verdict.isPass()) {
                to = verdict.targetOr(to);
                byte[] payload = verdict.payload();
                frame = (payload != null) ? RelayFrame.payload(from, to, payload)
                        : RelayFrame.encode(RelayFrame.PAYLOAD, from, to, frame, RelayFrame.HEADER_SIZE,
                                frame.length - RelayFrame.HEADER_SIZE);
            }
        }
        this.relayed.increment();
        route(peer, from, to, frame);
        // The engine keeps what is addressed to it, to everybody, or to everybody but a client.
        boolean forApplication = to == RelayFrame.SERVER_ID || to == RelayFrame.EVERYBODY
                || (to < 0 && to != -RelayFrame.SERVER_ID);
        if (!forApplication) {
            return true;
        }
        this.delivered.increment();
        boolean room = peer.offerInbound((frame == packet.data()) ? packet : new Packet(frame, false));
        peer.dispatchEvent("peer_packet", () -> deliver(peer));
        if (!room) {
            this.observer.readingPaused(this.path);
        }
        return room;
    }

    // A hook that throws (or answers null) drops the packet: it runs on the I/O thread, where an
    // exception would end the sender's connection, and an anti-cheat hook should fail closed.
    private RelayVerdict inspect(RelayHook inspector, PeerSession peer, byte[] frame) {
        try {
            RelayVerdict verdict = inspector.inspect(new RelayedPacket(this, peer, frame));
            if (verdict == null) {
                throw new IllegalStateException("RelayHook " + inspector + " returned null; return RelayVerdict.pass()");
            }
            return verdict;
        }
        catch (RuntimeException ex) {
            logger.error("RelayHook failed on a packet of " + peer + "; the packet is dropped", ex);
            this.observer.handlerError(this.path, ex);
            return RelayVerdict.drop();
        }
    }

    private void route(PeerSession sender, int from, int to, byte[] frame) {
        if (to == RelayFrame.SERVER_ID) {
            return;
        }
        if (!this.options.clientToClient()) {
            if (to > RelayFrame.SERVER_ID) {
                drop(DROP_CLIENT_RELAY_OFF);
            }
            return;
        }
        if (to > RelayFrame.SERVER_ID) {
            PeerSession target = (to != from) ? this.members.get(to) : null;
            if (target == null && to != from && this.elsewhere.contains(to) && this.bridge.forward(this, to, frame)) {
                this.observer.relayed(this.path, "peer", 1);
                return;
            }
            if (target == null) {
                drop(DROP_INVALID_TARGET);
                if (logger.isDebugEnabled()) {
                    logger.debug(sender + " sent a packet to " + to + ", which is no other peer of " + this.path);
                }
                return;
            }
            target.send(frame, WriteMode.BINARY);
            this.observer.relayed(this.path, "peer", 1);
            return;
        }
        int copies = fanOut(frame, from, -to);
        this.observer.relayed(this.path, (to == 0) ? "broadcast" : "exclusion", copies);
        if (!this.elsewhere.isEmpty()) {
            this.bridge.forward(this, to, frame);
        }
    }

    // Sends one array to every client but the sender and the excluded one (0: none excluded).
    private int fanOut(byte[] frame, int from, int excluded) {
        int copies = 0;
        for (PeerSession target : this.members.values()) {
            int id = target.id();
            if (id != from && id != excluded) {
                target.send(frame, WriteMode.BINARY);
                copies++;
            }
        }
        return copies;
    }

    // Runs in the sender's event order: hands the oldest kept packet to the application.
    private void deliver(PeerSession peer) {
        Packet packet = peer.nextPacket();
        if (packet == null) {
            return;
        }
        byte[] frame = packet.data();
        this.application.peerPacket(this, peer, RelayFrame.toOf(frame), RelayFrame.payloadOf(frame));
    }

    private boolean violation(PeerSession peer, String reason, int closeCode, String what) {
        drop(reason);
        String message = peer + " sent " + what + ": dropped"
                + (this.options.strict() ? "; closing it with " + closeCode + " (strict)" : "");
        if (this.warned.add(peer.id())) {
            logger.warn(message + (this.options.strict() ? "" : "; later violations of this peer are logged at debug level"));
        }
        else if (logger.isDebugEnabled()) {
            logger.debug(message);
        }
        if (this.options.strict()) {
            peer.close(closeCode, "Relay protocol violation");
        }
        return true;
    }

    private void drop(String reason) {
        this.drops.computeIfAbsent(reason, (r) -> new LongAdder()).increment();
        this.observer.dropped(this.path, reason);
    }

    @Override
    public String toString() {
        return "RelayServer " + this.path + " (" + this.members.size() + " peers)";
    }

    /** The relay as the endpoint's {@link PeerTraffic}. */
    private final class Traffic implements PeerTraffic {

        @Override
        public void opened(PeerSession peer) {
            join(peer);
        }

        @Override
        public boolean received(PeerSession peer, Packet packet) {
            return receive(peer, packet);
        }

        @Override
        public void closed(PeerSession peer, CloseInfo close, boolean closeRequest) {
            leave(peer, close, closeRequest);
        }

        @Override
        public boolean isRefusingNewConnections() {
            return DefaultRelayServer.this.refusing;
        }

    }

}
