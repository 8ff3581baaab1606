package io.peersocket.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.peersocket.cluster.ClusterMessage.Beat;
import io.peersocket.cluster.ClusterMessage.Body;
import io.peersocket.cluster.ClusterMessage.Disconnect;
import io.peersocket.cluster.ClusterMessage.Empty;
import io.peersocket.cluster.ClusterMessage.GroupPacket;
import io.peersocket.cluster.ClusterMessage.Kind;
import io.peersocket.cluster.ClusterMessage.MalformedMessageException;
import io.peersocket.cluster.ClusterMessage.PacketTo;
import io.peersocket.cluster.ClusterMessage.PeerDown;
import io.peersocket.cluster.ClusterMessage.PeerUp;
import io.peersocket.cluster.ClusterMessage.RelayPacket;
import io.peersocket.cluster.ClusterMessage.Snapshot;
import io.peersocket.internal.core.PeerRegistry;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.diagnostics.PeerSocketConfigurationException;
import io.peersocket.internal.relay.DefaultRelayServer;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.internal.server.DefaultPeerSocketServer;
import io.peersocket.internal.server.ServerLifecycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * This instance as a node of the cluster: it leases an id prefix, tells the other nodes
 * of its peers as they come and go, keeps a copy of theirs (so that
 * {@link PeerSocketServer#hasPeer} and friends answer without Redis), carries packets,
 * disconnects and group sends between nodes, sends heartbeats and forgets a node that
 * stays silent for the node timeout.
 * <p>
 * Every message to one node goes through that node's inbox stream, in the order this node
 * sent them: so a receiver sees one sender's peers, packets and group sends in order.
 */
public final class ClusterNode implements SmartLifecycle {

    /**
     * Starts before the server accepts peers and stops after it closed them, while Redis
     * connections (phase 0) are still there to say goodbye with.
     */
    public static final int PHASE = ServerLifecycle.PHASE - 256;

    private static final Log logger = LogFactory.getLog(ClusterNode.class);

    // How long, and for how many messages, a message that came early waits for those
    // before it.
    // Far longer than a reconnection's rewrite takes; short enough that a real loss is
    // soon counted.
    static final Duration REORDER_WINDOW = Duration.ofSeconds(5);

    private static final int HELD_MAX = 50_000;

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** Why a packet for or from another node was dropped, as counted by the observer. */
    static final String DROP_BUFFER_FULL = "cluster-buffer-full";

    static final String DROP_OUTAGE = "cluster-outage";

    static final String DROP_PEER_GONE = "cluster-peer-gone";

    private final DefaultPeerSocketServer server;

    private final PeerRegistry registry;

    private final PeerSocketObserver observer;

    private final String node;

    private final long incarnation = ThreadLocalRandom.current().nextLong();

    private final ClusterIds ids;

    private final ClusterLink link;

    private final Duration nodeTimeout;

    private final Duration outageWindow;

    private final Duration leaseTtl;

    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();

    private final Map<String, DefaultRelayServer> relays;

    private final Map<Integer, RemotePeer> remotePeers = new ConcurrentHashMap<>();

    private final Map<String, Long> sequences = new HashMap<>();

    // Orders what this node sends: its peers' arrivals and departures, snapshots,
    // packets.
    private final Object sendLock = new Object();

    private final ScheduledExecutorService ticker;

    private final AtomicLong lost = new AtomicLong();

    private final AtomicLong malformed = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    private final AtomicLong forgotten = new AtomicLong();

    private volatile boolean running;

    // Set once this node said goodbye: nothing but the goodbye leaves it afterwards (a
    // peer's
    // departure signalled late must not make the others see the node again).
    private volatile boolean leaving;

    // Incarnations of nodes that said goodbye: a message of theirs still in flight is
    // ignored.
    private final Set<Long> departed = ConcurrentHashMap.newKeySet();

    private volatile boolean joined;

    private volatile boolean rejoin;

    private volatile @Nullable PeerGroups groups;

    private volatile long nextMalformedLog;

    /** What this node knows of another. */
    private static final class NodeState {

        final long incarnation;

        volatile long lastSeq;

        volatile long lastSeen = System.nanoTime();

        volatile int prefix = -1;

        // Messages that came before one of lower number, by number (reader thread only).
        final TreeMap<Long, ClusterMessage> held = new TreeMap<>();

        // When the oldest wait for a missing message began (nanoTime), 0 when none waits.
        long heldSince;

        final Set<Integer> peers = ConcurrentHashMap.newKeySet();

        NodeState(long incarnation, long lastSeq) {
            this.incarnation = incarnation;
            this.lastSeq = lastSeq;
        }

    }

    /**
     * @param server the server whose peers join the cluster
     * @param relays its relay endpoints, which span the cluster
     * @param factory Boot's Redis connections
     * @param properties the cluster settings
     */
    public ClusterNode(DefaultPeerSocketServer server, Map<String, DefaultRelayServer> relays,
            ReactiveRedisConnectionFactory factory, PeerSocketClusterProperties properties) {
        this.server = server;
        this.registry = server.runtime().registry();
        this.observer = server.runtime().observer();
        this.relays = relays;
        this.node = nodeId(properties.getNodeId());
        this.nodeTimeout = positive(properties.getNodeTimeout(), "peersocket.cluster.node-timeout");
        this.outageWindow = positive(properties.getOutageWindow(), "peersocket.cluster.outage-window");
        if (properties.getOutageBuffer().toBytes() <= 0) {
            throw new PeerSocketConfigurationException("peersocket.cluster.outage-buffer",
                    "peersocket.cluster.outage-buffer must be positive", "Set it to a size such as 32MB");
        }
        this.leaseTtl = Duration.ofMillis(Math.max(this.nodeTimeout.toMillis() * 3, 30_000));
        // A random prefix until Redis says it is free: peers that connect while Redis is
        // down at
        // startup get ids of it, and the node claims it first when Redis answers.
        this.ids = new ClusterIds(ThreadLocalRandom.current().nextInt(ClusterIds.PREFIXES));
        this.link = new ClusterLink(factory, properties.getKeyPrefix(), this.node, properties.getOutageWindow(),
                properties.getOutageBuffer().toBytes(), properties.getInboxLength(), this::received, this::releaseHeld,
                this::reconnected, this::lostInOutage);
        this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "peersocket-cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String nodeId(@Nullable String configured) {
        if (configured == null || configured.isBlank()) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            }
            catch (UnknownHostException ex) {
                host = "node";
            }
            return host + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        }
        if (!NODE_ID.matcher(configured).matches()) {
            throw new PeerSocketConfigurationException("peersocket.cluster.node-id",
                    "peersocket.cluster.node-id '" + configured + "' is not a node name",
                    "Use 1 to 100 letters, digits, '.', '_' or '-', or leave it unset for a generated one");
        }
        return configured;
    }

    private static Duration positive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new PeerSocketConfigurationException(property, property + " must be positive, not " + value,
                    "Set " + property + " to a positive duration");
        }
        return value;
    }

    /** Joins: from now on new peers get cluster ids and the other nodes hear of them. */
    @Override
    public void start() {
        this.running = true;
        this.registry.useIds(this.ids);
        this.registry.setListener(new PeerRegistry.Listener() {
            @Override
            public void added(Peer peer) {
                peerAdded(peer);
            }

            @Override
            public void removed(Peer peer) {
                peerRemoved(peer);
            }
        });
        this.server.setRemotePeers(this.remotePeers::get);
        this.relays.values().forEach((relay) -> relay.setBridge(this::forwardRelay));
        this.link.start();
        long beat = Math.max(this.nodeTimeout.toMillis() / 5, 50);
        this.ticker.scheduleWithFixedDelay(this::tick, 0, beat, TimeUnit.MILLISECONDS);
        logger.info("Cluster node " + this.node + " started; node timeout " + this.nodeTimeout.toMillis() + " ms");
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Leaves: the other nodes forget this node and its peers at once. */
    @Override
    public void stop() {
        this.running = false;
        this.ticker.shutdownNow();
        try {
            this.ticker.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        synchronized (this.sendLock) {
            this.leaving = true;
            for (String other : this.nodes.keySet()) {
                send(other, Kind.BYE, new Empty());
            }
        }
        this.link.flush(Duration.ofSeconds(2));
        try {
            this.link.unregister(this.node);
        }
        catch (RuntimeException ex) {
            // Redis gone: the others forget this node by its silence
        }
        this.link.stop();
        logger.info("Cluster node " + this.node + " left");
    }

    /**
     * @return this node's name
     */
    public String nodeId() {
        return this.node;
    }

    /**
     * @return the other nodes this one knows
     */
    public Set<String> otherNodes() {
        return Set.copyOf(this.nodes.keySet());
    }

    /**
     * @return the peers of the other nodes, as this node knows them
     */
    public Collection<? extends Peer> remotePeers() {
        return List.copyOf(this.remotePeers.values());
    }

    /**
     * @param id a peer id
     * @return the node it is connected to: this one, another, or {@code null} when none
     * has it
     */
    public @Nullable String nodeOf(int id) {
        if (this.registry.get(id) != null) {
            return this.node;
        }
        RemotePeer remote = this.remotePeers.get(id);
        return (remote != null) ? remote.node() : null;
    }

    /**
     * @return whether Redis answers now
     */
    public boolean linkUp() {
        return this.link.isUp();
    }

    /**
     * @return why Redis does not answer, or {@code null}
     */
    public @Nullable String linkDownReason() {
        return this.link.downReason();
    }

    /**
     * @return whether this node has joined the cluster (Redis answered once)
     */
    public boolean joined() {
        return this.joined;
    }

    /**
     * @return messages from other nodes that never arrived (seen as gaps in their
     * numbering)
     */
    public long lostMessages() {
        return this.lost.get();
    }

    /**
     * @return messages that could not be read (garbage, unknown version), skipped
     */
    public long malformedMessages() {
        return this.malformed.get();
    }

    /**
     * @return messages read twice (written again after a lost connection), skipped
     */
    public long duplicateMessages() {
        return this.duplicates.get();
    }

    /**
     * @return nodes forgotten after the node timeout
     */
    public long forgottenNodes() {
        return this.forgotten.get();
    }

    /**
     * @return messages waiting for Redis
     */
    public int queuedMessages() {
        return this.link.queued();
    }

    /**
     * @return Redis commands this node sent
     */
    public long redisCommands() {
        return this.link.commands();
    }

    /**
     * @return the id prefix this node leases
     */
    int prefix() {
        return this.ids.prefix();
    }

    void groups(PeerGroups groups) {
        this.groups = groups;
    }

    // ---- sending

    // Numbers the message for its receiver and queues it; a refused one gives its number
    // back.
    private boolean send(String to, Kind kind, Body body) {
        synchronized (this.sendLock) {
            if (this.leaving && kind != Kind.BYE) {
                return false;
            }
            long seq = this.sequences.merge(to, 1L, Long::sum);
            byte[] data = new ClusterMessage(kind, this.node, this.incarnation, seq, body).encode();
            if (this.link.send(to, data)) {
                return true;
            }
            this.sequences.put(to, seq - 1);
            return false;
        }
    }

    PeerError sendPacket(RemotePeer peer, byte[] data, boolean text) {
        if (this.remotePeers.get(peer.id()) != peer || !this.link.available()) {
            return PeerError.ERR_UNAVAILABLE;
        }
        if (!send(peer.node(), Kind.PACKET, new PacketTo(peer.id(), text, data))) {
            this.observer.dropped(peer.path(), DROP_BUFFER_FULL);
            return PeerError.ERR_OUT_OF_MEMORY;
        }
        return PeerError.OK;
    }

    void disconnect(RemotePeer peer, int code, String reason) {
        if (this.remotePeers.get(peer.id()) == peer) {
            send(peer.node(), Kind.DISCONNECT, new Disconnect(peer.id(), code, reason));
        }
    }

    boolean isConnected(RemotePeer peer) {
        return this.remotePeers.get(peer.id()) == peer;
    }

    /**
     * Sends a group or endpoint packet to every other node, one message each.
     * @return whether every node has it queued; {@code false} when Redis is out past the
     * window or the outage buffer is full
     */
    boolean broadcast(GroupPacket packet) {
        if (this.nodes.isEmpty()) {
            return true;
        }
        if (!this.link.available()) {
            return false;
        }
        boolean all = true;
        synchronized (this.sendLock) {
            for (String other : this.nodes.keySet()) {
                all &= send(other, Kind.GROUP, packet);
            }
        }
        if (!all) {
            this.observer.dropped(packet.endpoint() ? packet.name() : "group:" + packet.name(), DROP_BUFFER_FULL);
        }
        return all;
    }

    // A relay's frame for clients of other nodes: to the node of one client, or to every
    // node.
    private boolean forwardRelay(RelayServer relay, int to, byte[] frame) {
        if (!this.link.available()) {
            return false;
        }
        RelayPacket packet = new RelayPacket(relay.path(), to, frame);
        if (to > 1) {
            RemotePeer target = this.remotePeers.get(to);
            if (target == null || !target.path().equals(relay.path())) {
                return false;
            }
            return send(target.node(), Kind.RELAY, packet);
        }
        boolean all = true;
        synchronized (this.sendLock) {
            for (String other : this.nodes.keySet()) {
                all &= send(other, Kind.RELAY, packet);
            }
        }
        if (!all) {
            this.observer.dropped(relay.path(), DROP_BUFFER_FULL);
        }
        return all;
    }

    private void peerAdded(Peer peer) {
        PeerUp up = describe(peer);
        synchronized (this.sendLock) {
            for (String other : this.nodes.keySet()) {
                send(other, Kind.PEER_UP, up);
            }
        }
    }

    private void peerRemoved(Peer peer) {
        PeerGroups groups = this.groups;
        if (groups != null) {
            groups.forget(peer.id());
        }
        synchronized (this.sendLock) {
            for (String other : this.nodes.keySet()) {
                send(other, Kind.PEER_DOWN, new PeerDown(peer.id()));
            }
        }
    }

    private static PeerUp describe(Peer peer) {
        return new PeerUp(peer.id(), peer.path(), peer.getConnectedHost(), peer.getConnectedPort());
    }

    private void sendSnapshot(String to, boolean replyWanted) {
        synchronized (this.sendLock) {
            List<PeerUp> peers = new ArrayList<>();
            for (PeerSession peer : this.registry.all()) {
                if (peer.isOpen()) {
                    peers.add(describe(peer));
                }
            }
            send(to, Kind.SNAPSHOT, new Snapshot(peers, replyWanted, this.ids.prefix()));
        }
    }

    // ---- receiving (on the link's reader thread, one message at a time in inbox order)

    private void received(byte[] data) {
        ClusterMessage message;
        try {
            message = ClusterMessage.decode(data);
        }
        catch (MalformedMessageException ex) {
            this.malformed.incrementAndGet();
            this.observer.dropped("cluster", "cluster-malformed");
            long now = System.nanoTime();
            if (now - this.nextMalformedLog >= 0) {
                this.nextMalformedLog = now + TimeUnit.SECONDS.toNanos(1);
                logger.warn("Skipping a message in the inbox of cluster node " + this.node + " that it cannot read: "
                        + ex.getMessage() + " (" + this.malformed.get() + " so far; more within a second not logged)");
            }
            return;
        }
        if (message.node().equals(this.node)) {
            return;
        }
        try {
            apply(message);
        }
        catch (RuntimeException ex) {
            logger.warn("Cluster node " + this.node + " failed on a " + message.kind() + " from " + message.node(), ex);
        }
    }

    private void apply(ClusterMessage message) {
        String from = message.node();
        if (this.departed.contains(message.incarnation())) {
            return;
        }
        NodeState state = this.nodes.get(from);
        if (state == null || state.incarnation != message.incarnation()) {
            if (state != null) {
                // The node restarted: what it had before is gone.
                forgetPeers(state);
            }
            if (message.kind() == Kind.BYE) {
                return;
            }
            state = new NodeState(message.incarnation(), message.seq());
            this.nodes.put(from, state);
            logger.info("Cluster node " + this.node + " sees node " + from);
            if (message.kind() != Kind.SNAPSHOT) {
                sendSnapshot(from, true);
            }
        }
        else {
            long expected = state.lastSeq + 1;
            if (message.seq() < expected) {
                this.duplicates.incrementAndGet();
                return;
            }
            if (message.seq() > expected) {
                hold(state, message);
                return;
            }
            state.lastSeq = message.seq();
        }
        state.lastSeen = System.nanoTime();
        handle(from, state, message);
        // What came early and now follows on goes next, in its order.
        while (!state.held.isEmpty() && state.held.firstKey() == state.lastSeq + 1) {
            ClusterMessage next = state.held.pollFirstEntry().getValue();
            state.lastSeq = next.seq();
            handle(from, state, next);
        }
        if (state.held.isEmpty()) {
            state.heldSince = 0;
        }
    }

    // Should an entry land in the inbox after a later one of the same sender (a rewrite
    // on
    // a new connection racing the old connection's replay of what it had on the wire),
    // skipping the earlier one as already seen would lose it: a message past the next
    // expected number waits, bounded in time and count, for those before it.
    private void hold(NodeState state, ClusterMessage message) {
        if (state.held.putIfAbsent(message.seq(), message) != null) {
            this.duplicates.incrementAndGet();
        }
        long now = System.nanoTime();
        state.lastSeen = now;
        if (state.heldSince == 0) {
            state.heldSince = now;
        }
        if (state.held.size() > HELD_MAX) {
            skipGap(message.node(), state);
        }
    }

    // On the reader thread, after each read (at least every half second): a gap that the
    // reorder window did not fill is lost.
    private void releaseHeld() {
        long now = System.nanoTime();
        for (Map.Entry<String, NodeState> entry : this.nodes.entrySet()) {
            NodeState state = entry.getValue();
            if (state.heldSince != 0 && now - state.heldSince >= REORDER_WINDOW.toNanos()) {
                try {
                    skipGap(entry.getKey(), state);
                }
                catch (RuntimeException ex) {
                    // Not Redis's failure: the reader must not take it for one.
                    logger.warn("Cluster node " + this.node + " failed on messages from " + entry.getKey(), ex);
                }
            }
        }
    }

    private void skipGap(String from, NodeState state) {
        if (state.held.isEmpty()) {
            state.heldSince = 0;
            return;
        }
        long gap = state.held.firstKey() - (state.lastSeq + 1);
        this.lost.addAndGet(gap);
        logger.warn("Cluster node " + this.node + " missed " + gap + " message(s) from node " + from
                + " (Redis lost them, none arrived within " + REORDER_WINDOW.toMillis()
                + " ms); asking it for its peers again");
        state.lastSeq = state.held.firstKey() - 1;
        state.heldSince = System.nanoTime();
        while (!state.held.isEmpty() && state.held.firstKey() == state.lastSeq + 1) {
            ClusterMessage next = state.held.pollFirstEntry().getValue();
            state.lastSeq = next.seq();
            try {
                handle(from, state, next);
            }
            catch (RuntimeException ex) {
                logger.warn("Cluster node " + this.node + " failed on a " + next.kind() + " from " + from, ex);
            }
        }
        if (state.held.isEmpty()) {
            state.heldSince = 0;
        }
        sendSnapshot(from, true);
    }

    private void handle(String from, NodeState state, ClusterMessage message) {
        Body body = message.body();
        switch (message.kind()) {
            case SNAPSHOT -> {
                Snapshot snapshot = (Snapshot) body;
                state.prefix = snapshot.prefix();
                Set<Integer> now = ConcurrentHashMap.newKeySet();
                for (PeerUp peer : snapshot.peers()) {
                    now.add(peer.id());
                    peerUp(from, state, peer);
                }
                for (Integer id : List.copyOf(state.peers)) {
                    if (!now.contains(id)) {
                        peerDown(state, id);
                    }
                }
                if (snapshot.replyWanted()) {
                    sendSnapshot(from, false);
                }
            }
            case HEARTBEAT -> state.prefix = ((Beat) body).prefix();
            case PEER_UP -> peerUp(from, state, (PeerUp) body);
            case PEER_DOWN -> peerDown(state, ((PeerDown) body).id());
            case PACKET -> deliver((PacketTo) body);
            case GROUP -> {
                PeerGroups groups = this.groups;
                if (groups != null) {
                    groups.deliverLocally((GroupPacket) body);
                }
            }
            case DISCONNECT -> {
                Disconnect disconnect = (Disconnect) body;
                PeerSession peer = this.registry.get(disconnect.id());
                if (peer != null) {
                    peer.close(disconnect.code(), disconnect.reason());
                }
            }
            case BYE -> {
                this.departed.add(message.incarnation());
                forget(from, "it shut down");
            }
            case RELAY -> {
                RelayPacket packet = (RelayPacket) body;
                DefaultRelayServer relay = this.relays.get(packet.path());
                if (relay != null) {
                    relay.deliverFromElsewhere(packet.to(), packet.frame());
                }
            }
        }
    }

    private void peerUp(String from, NodeState state, PeerUp up) {
        RemotePeer known = this.remotePeers.get(up.id());
        if (known != null && known.node().equals(from)) {
            state.peers.add(up.id());
            return;
        }
        this.remotePeers.put(up.id(), new RemotePeer(this, from, up));
        state.peers.add(up.id());
        DefaultRelayServer relay = this.relays.get(up.path());
        if (relay != null) {
            relay.joinedElsewhere(up.id());
        }
    }

    private void peerDown(NodeState state, int id) {
        state.peers.remove(id);
        RemotePeer gone = this.remotePeers.remove(id);
        if (gone != null) {
            DefaultRelayServer relay = this.relays.get(gone.path());
            if (relay != null) {
                relay.leftElsewhere(id);
            }
        }
    }

    private void forgetPeers(NodeState state) {
        for (Integer id : List.copyOf(state.peers)) {
            peerDown(state, id);
        }
    }

    private void deliver(PacketTo packet) {
        PeerSession peer = this.registry.get(packet.id());
        if (peer == null || !peer.isOpen()) {
            this.observer.dropped("cluster", DROP_PEER_GONE);
            return;
        }
        peer.send(packet.data(), packet.text() ? WriteMode.TEXT : WriteMode.BINARY);
    }

    private void forget(String gone, String why) {
        NodeState state = this.nodes.remove(gone);
        if (state == null) {
            return;
        }
        // Its sequence numbers go on: should it come back, it still knows this node's
        // last one.
        forgetPeers(state);
        logger.info("Cluster node " + this.node + " forgets node " + gone + " and its peers: " + why);
    }

    // ---- heartbeats, membership, Redis outages

    private void reconnected() {
        this.rejoin = true;
        if (!this.ticker.isShutdown()) {
            this.ticker.execute(this::tick);
        }
    }

    private void lostInOutage(ClusterLink.Outbound message) {
        this.observer.dropped("cluster", DROP_OUTAGE);
        long count = this.lost.get();
        logger.warn("Cluster node " + this.node + " dropped a message for node " + message.node()
                + " that waited for Redis longer than the outage window (" + (count + 1) + " lost so far)");
        this.lost.incrementAndGet();
    }

    private void tick() {
        try {
            if (!this.joined || this.rejoin) {
                join();
            }
            if (!this.link.isUp()) {
                // Cut off: the others' silence says nothing about them.
                return;
            }
            if (!this.link.lease(this.ids.prefix(), this.leaseTtl)) {
                claimPrefix();
            }
            this.link.register(this.ids.prefix());
            for (Map.Entry<String, Integer> entry : this.link.nodes().entrySet()) {
                String other = entry.getKey();
                if (!other.equals(this.node) && !this.nodes.containsKey(other)) {
                    NodeState state = new NodeState(0, 0);
                    state.prefix = entry.getValue();
                    if (this.nodes.putIfAbsent(other, state) == null) {
                        sendSnapshot(other, true);
                    }
                }
            }
            long now = System.nanoTime();
            synchronized (this.sendLock) {
                for (String other : this.nodes.keySet()) {
                    send(other, Kind.HEARTBEAT, new Beat(this.ids.prefix()));
                }
            }
            for (Map.Entry<String, NodeState> entry : this.nodes.entrySet()) {
                long silent = now - entry.getValue().lastSeen;
                if (silent > this.nodeTimeout.toNanos()) {
                    forget(entry.getKey(), "silent for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
                    this.forgotten.incrementAndGet();
                    this.link.unregisterSilent(entry.getKey(), this.outageWindow.plus(this.nodeTimeout));
                }
            }
        }
        catch (RuntimeException ex) {
            if (logger.isDebugEnabled()) {
                logger.debug("Cluster heartbeat of node " + this.node + " failed", ex);
            }
        }
    }

    // First contact with Redis, or contact again after an outage (Redis may have lost
    // everything).
    private void join() {
        boolean first = !this.joined;
        if (first) {
            this.link.clearInbox();
        }
        int before = this.ids.prefix();
        if (!this.link.lease(before, this.leaseTtl)) {
            claimPrefix();
        }
        this.link.register(this.ids.prefix());
        // The others were as silent as Redis: each gets a new node timeout from now.
        long now = System.nanoTime();
        this.nodes.values().forEach((state) -> state.lastSeen = now);
        for (String other : this.nodes.keySet()) {
            sendSnapshot(other, true);
        }
        this.joined = true;
        this.rejoin = false;
        logger.info("Cluster node " + this.node + " joined with id prefix " + this.ids.prefix());
    }

    // The prefix is held by another node: take a free one for the peers that connect from
    // now on.
    private void claimPrefix() {
        int held = this.ids.prefix();
        for (int attempt = 0; attempt < 4 * ClusterIds.PREFIXES; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(ClusterIds.PREFIXES);
            if (this.link.lease(candidate, this.leaseTtl)) {
                this.ids.prefix(candidate);
                long holding = this.registry.all().stream().filter((p) -> ClusterIds.prefixOf(p.id()) == held).count();
                if (holding > 0) {
                    logger.warn("Cluster node " + this.node + " lost id prefix " + held + " to another node (Redis was "
                            + "unreachable longer than the lease); its " + holding + " peer(s) with ids of that prefix "
                            + "may share an id with a peer of that node; new peers get prefix " + candidate);
                }
                return;
            }
        }
        throw new IllegalStateException("No free id prefix among " + ClusterIds.PREFIXES + ": too many nodes");
    }

}
