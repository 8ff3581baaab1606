package io.peersocket.multiplayer.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.peersocket.logging.LogSafe;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.variant.VariantCodec;
import io.peersocket.variant.VariantDecodingException;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@code MultiplayerAPI} on the application's side (peer 1) of one relay endpoint:
 * serves the {@link RemoteNode} beans bound to it to the clients' {@code rpc}, {@code rset} and
 * {@code send_bytes}, and calls remote functions, sets remote properties and sends bytes on the
 * clients' nodes. Inject it (one relay) or get it from {@link MultiplayerApis}.
 * <p>
 * It sees every payload a client addresses to peer 1 (to 1, 0 or -N) first: those whose first
 * byte is a MultiplayerAPI command (0 to 4) are its own; any other goes on to the relay's
 * application ({@code @PeerPacket}), so one endpoint may serve both.
 * <p>
 * A call the engine would refuse (an unknown node, function or property, a mode that forbids a
 * client's call, a wrong argument count or type, a malformed packet) is dropped with one debug
 * log line naming the cause and counted ({@code peersocket.drops}, reason {@code rpc-*}); the
 * client stays connected unless strict mode closes it with 1008. Remote functions run on the
 * relay's handler threads in the server's dispatch mode: never two at once for one client, in
 * its order. Every method is safe from any thread.
 */
public final class MultiplayerApi implements MultiplayerListener {

    /** Drop reason: a packet too short or otherwise not as the engine writes it. */
    public static final String DROP_MALFORMED = "rpc-malformed";

    /** Drop reason: no {@link RemoteNode} at the node path (or an unknown path cache id). */
    public static final String DROP_UNKNOWN_NODE = "rpc-unknown-node";

    /** Drop reason: the node has no remote function of that name. */
    public static final String DROP_UNKNOWN_METHOD = "rpc-unknown-method";

    /** Drop reason: the node has no remote property of that name. */
    public static final String DROP_UNKNOWN_PROPERTY = "rpc-unknown-property";

    /** Drop reason: the function's or property's mode forbids a client's call (puppet, disabled). */
    public static final String DROP_FORBIDDEN = "rpc-forbidden";

    /** Drop reason: not as many arguments as the function takes. */
    public static final String DROP_ARGUMENT_COUNT = "rpc-argument-count";

    /** Drop reason: an argument (or an rset value) its parameter's type cannot take. */
    public static final String DROP_ARGUMENT_TYPE = "rpc-argument-type";

    /** Drop reason: a client announced more node paths than {@code max-cached-paths}. */
    public static final String DROP_PATH_CACHE_FULL = "rpc-path-cache-full";

    private static final Log logger = LogFactory.getLog(MultiplayerApi.class);

    private static final ThreadLocal<int[]> SENDER = ThreadLocal.withInitial(() -> new int[1]);

    private final String relayPath;

    private final Map<String, RemoteNodeBinding> nodes = new LinkedHashMap<>();

    private final MultiplayerListener application;

    private final PeerSocketObserver observer;

    private final boolean strict;

    private final int maxCachedPaths;

    private final Supplier<RelayServer> relaySupplier;

    private volatile @Nullable RelayServer relay;

    // The engine's path_get_cache: each client's ids for the paths it announced.
    private final Map<Integer, Map<Integer, String>> receivedPaths = new ConcurrentHashMap<>();

    // The engine's path_send_cache: peer 1's id for each path it sent to, and who confirmed it.
    private final Map<String, SentPath> sentPaths = new HashMap<>();

    private final Object sendLock = new Object();

    private int lastSentPathId = 1;

    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    private final LongAdder calls = new LongAdder();

    MultiplayerApi(String relayPath, List<RemoteNodeBinding> nodes, MultiplayerListener application,
            PeerSocketObserver observer, boolean strict, int maxCachedPaths, Supplier<RelayServer> relay) {
        this.relayPath = relayPath;
        for (RemoteNodeBinding node : nodes) {
            RemoteNodeBinding other = this.nodes.putIfAbsent(node.path(), node);
            if (other != null) {
                throw new IllegalStateException("@RemoteNode beans '" + other.beanName() + "' and '" + node.beanName()
                        + "' are both node " + node.path() + " of relay " + relayPath + "; a node path has one bean");
            }
        }
        this.application = application;
        this.observer = observer;
        this.strict = strict;
        this.maxCachedPaths = maxCachedPaths;
        this.relaySupplier = relay;
    }

    // ---- the engine's MultiplayerAPI members ----

    /** @return the relay endpoint's path */
    public String getRelayPath() {
        return this.relayPath;
    }

    /** @return 1, the server's id ({@code get_network_unique_id}) */
    public int getNetworkUniqueId() {
        return RelayServer.TARGET_PEER_SERVER;
    }

    /** @return {@code true}: the application is the server ({@code is_network_server}) */
    public boolean isNetworkServer() {
        return true;
    }

    /** @return the connected clients' ids, ascending ({@code get_network_connected_peers}) */
    public List<Integer> getNetworkConnectedPeers() {
        return relay().getPeerIds();
    }

    /**
     * @return the id of the peer whose remote call or set is running on this thread, 1 for the
     * application's own sync call, 0 outside one ({@code get_rpc_sender_id})
     */
    public int getRpcSenderId() {
        return SENDER.get()[0];
    }

    /**
     * Calls a remote function on the node at that path on every client ({@code rpc}); when the
     * application serves that node itself with a {@code *SYNC} (or {@code MASTER}) function of
     * that name, runs it too, as the engine's {@code rpc} does on the master.
     * @param nodePath the clients' node, {@code "/root/Game"} or {@code "Game"}
     * @param method the function
     * @param args its arguments (Java types of {@link VariantCodec})
     * @return {@link PeerError#OK}, or what the relay answers
     * @throws IllegalArgumentException for an argument with no Variant type or more than 255 of them
     */
    public PeerError rpc(String nodePath, String method, @Nullable Object... args) {
        return call(0, nodePath, false, method, Arrays.asList(args));
    }

    /**
     * Calls a remote function on one client, or on every client but one ({@code rpc_id}).
     * @param peerId the client, or -N for everybody but N
     * @param nodePath the clients' node
     * @param method the function
     * @param args its arguments
     * @return {@link PeerError#OK}; {@link PeerError#FAILED} when that client is not connected
     */
    public PeerError rpcId(int peerId, String nodePath, String method, @Nullable Object... args) {
        return call(peerId, nodePath, false, method, Arrays.asList(args));
    }

    /**
     * {@code rpc_unreliable}: as {@link #rpc}. A WebSocket has one reliable, ordered channel; the
     * engine's WebSocket peer ignores the transfer mode too.
     * @param nodePath the clients' node
     * @param method the function
     * @param args its arguments
     * @return as {@link #rpc}
     */
    public PeerError rpcUnreliable(String nodePath, String method, @Nullable Object... args) {
        return rpc(nodePath, method, args);
    }

    /**
     * {@code rpc_unreliable_id}: as {@link #rpcId}.
     * @param peerId the client, or -N
     * @param nodePath the clients' node
     * @param method the function
     * @param args its arguments
     * @return as {@link #rpcId}
     */
    public PeerError rpcUnreliableId(int peerId, String nodePath, String method, @Nullable Object... args) {
        return rpcId(peerId, nodePath, method, args);
    }

    /**
     * Sets a remote property of the node at that path on every client ({@code rset}).
     * @param nodePath the clients' node
     * @param property the property
     * @param value its value
     * @return as {@link #rpc}
     */
    public PeerError rset(String nodePath, String property, @Nullable Object value) {
        return call(0, nodePath, true, property, Arrays.asList(value));
    }

    /**
     * Sets a remote property on one client, or on every client but one ({@code rset_id}).
     * @param peerId the client, or -N
     * @param nodePath the clients' node
     * @param property the property
     * @param value its value
     * @return as {@link #rpcId}
     */
    public PeerError rsetId(int peerId, String nodePath, String property, @Nullable Object value) {
        return call(peerId, nodePath, true, property, Arrays.asList(value));
    }

    /**
     * Sends raw bytes to every client ({@code send_bytes(bytes)}); they get
     * {@code network_peer_packet(1, bytes)}.
     * @param bytes at least one byte
     * @return as {@link #sendBytes(byte[], int)}
     */
    public PeerError sendBytes(byte[] bytes) {
        return sendBytes(bytes, 0);
    }

    /**
     * Sends raw bytes ({@code send_bytes(bytes, id)}).
     * @param bytes at least one byte
     * @param target a client, 0 for everybody, -N for everybody but N
     * @return as {@link RelayServer#putPacket(int, byte[])}
     * @throws IllegalArgumentException for no bytes (the engine refuses an empty raw packet)
     */
    public PeerError sendBytes(byte[] bytes, int target) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("send_bytes of an empty packet: the engine refuses it");
        }
        return relay().putPacket(target, MultiplayerPacket.raw(bytes));
    }

    // ---- counts ----

    /** @return remote calls and sets from clients that ran */
    public long getCallCount() {
        return this.calls.sum();
    }

    /**
     * @param reason one of the {@code DROP_} constants
     * @return packets dropped for that reason
     */
    public long getDroppedCount(String reason) {
        LongAdder count = this.drops.get(reason);
        return (count != null) ? count.sum() : 0;
    }

    /** @return packets dropped, by reason */
    public Map<String, Long> getDroppedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    // ---- sending ----

    private PeerError call(int target, String nodePath, boolean set, String name, List<@Nullable Object> args) {
        String path;
        try {
            path = NodePaths.relative(nodePath);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException((set ? "rset" : "rpc") + " '" + name + "': " + ex.getMessage(), ex);
        }
        if (!set && args.size() > MultiplayerPacket.MAX_ARGUMENTS) {
            throw new IllegalArgumentException("rpc '" + name + "' with " + args.size() + " arguments; at most "
                    + MultiplayerPacket.MAX_ARGUMENTS);
        }
        RelayServer relay = relay();
        int self = RelayServer.TARGET_PEER_SERVER;
        if (target != 0 && target != self && !relay.hasPeer(Math.abs(target))) {
            return PeerError.FAILED; // the engine: "Attempt to remote call unexisting ID"
        }
        VariantCodec codec = relay.variantSettings().codec();
        // The engine's rpcp / rsetp on the master: a sync function of the application's own node
        // runs locally too; a master one runs only locally.
        boolean skipNetwork = target == self;
        RpcMode localMode = null;
        RemoteNodeBinding local = this.nodes.get(path);
        if (local != null && (target == 0 || target == self || (target < 0 && target != -self))) {
            RpcMode mode = set ? modeOf(local.property(name)) : modeOf(local.function(name));
            if (mode != null && mode.callsLocally()) {
                localMode = mode;
                skipNetwork |= mode.skipsNetwork();
            }
        }
        PeerError result = PeerError.OK;
        if (!skipNetwork) {
            result = send(relay, target, path, set, name, args, codec);
        }
        if (localMode != null) {
            byte[] own = MultiplayerPacket.call(set, 0, name, args, codec);
            int offset = MultiplayerPacket.nulAt(own, 5) + 1;
            runLocally(local, set, name, own, offset, relay.variantSettings());
        }
        else if (skipNetwork) {
            throw new IllegalArgumentException((set ? "rset" : "rpc") + " '" + name + "' on peer 1 itself is not "
                    + "allowed by its mode (the engine's \"on yourself is not allowed by selected mode\")");
        }
        return result;
    }

    private static @Nullable RpcMode modeOf(@Nullable Object member) {
        if (member instanceof RemoteNodeBinding.Function function) {
            return function.mode();
        }
        if (member instanceof RemoteNodeBinding.Property property) {
            return property.mode();
        }
        return null;
    }

    // The engine's _send_rpc with _send_confirm_path: a client that has not been sent the path is
    // sent SIMPLIFY_PATH first; one that has not confirmed it gets the full path in the call.
    private PeerError send(RelayServer relay, int target, String path, boolean set, String name,
            List<@Nullable Object> args, VariantCodec codec) {
        synchronized (this.sendLock) {
            SentPath sent = this.sentPaths.computeIfAbsent(path, (p) -> new SentPath(this.lastSentPathId++));
            byte[] packet = MultiplayerPacket.call(set, sent.id, name, args, codec);
            List<Integer> receivers = relay.getPeerIds().stream().filter((id) -> isTarget(id, target)).toList();
            boolean allConfirmed = true;
            for (int id : receivers) {
                Boolean confirmed = sent.confirmed.get(id);
                if (confirmed == null) {
                    relay.putPacket(id, MultiplayerPacket.simplifyPath(sent.id, path));
                    sent.confirmed.put(id, Boolean.FALSE);
                }
                allConfirmed &= Boolean.TRUE.equals(confirmed);
            }
            if (allConfirmed) {
                return relay.putPacket(target, packet);
            }
            byte[] withPath = MultiplayerPacket.withFullPath(packet, path);
            PeerError result = PeerError.OK;
            for (int id : receivers) {
                PeerError one = relay.putPacket(id, Boolean.TRUE.equals(sent.confirmed.get(id)) ? packet : withPath);
                if (one != PeerError.OK && target > 0) {
                    result = one;
                }
            }
            return result;
        }
    }

    private static boolean isTarget(int id, int target) {
        return (target == 0) || (target > 0 && id == target) || (target < 0 && id != -target);
    }

    private void runLocally(RemoteNodeBinding node, boolean set, String name, byte[] packet, int offset,
            VariantSettings variants) {
        int[] sender = SENDER.get();
        int previous = sender[0];
        sender[0] = RelayServer.TARGET_PEER_SERVER;
        try {
            Refusal refusal = set ? runSet(node, name, null, packet, offset, variants, true)
                    : runCall(node, name, null, packet, offset, variants, true);
            if (refusal != null) {
                throw new IllegalArgumentException((set ? "rset" : "rpc") + " '" + name + "' on node " + node.path()
                        + " could not run locally: " + refusal.cause());
            }
        }
        finally {
            sender[0] = previous;
        }
    }

    // ---- receiving ----

    @Override
    public void peerConnected(RelayServer relay, Peer peer) {
        this.relay = relay;
        this.application.peerConnected(relay, peer);
    }

    @Override
    public void peerDisconnected(RelayServer relay, Peer peer) {
        int id = peer.id();
        this.receivedPaths.remove(id);
        synchronized (this.sendLock) {
            this.sentPaths.values().forEach((sent) -> sent.confirmed.remove(id));
        }
        this.application.peerDisconnected(relay, peer);
    }

    @Override
    public void peerPacket(RelayServer relay, Peer source, int target, byte[] payload) {
        this.relay = relay;
        if (payload.length == 0 || (payload[0] & 0xFF) > MultiplayerPacket.RAW) {
            this.application.peerPacket(relay, source, target, payload); // not the MultiplayerAPI's
            return;
        }
        Refusal refusal = switch (payload[0]) {
            case MultiplayerPacket.SIMPLIFY_PATH -> simplifyPath(relay, source, payload);
            case MultiplayerPacket.CONFIRM_PATH -> confirmPath(source, payload);
            case MultiplayerPacket.RAW -> raw(source, payload);
            default -> remote(relay, source, payload);
        };
        if (refusal != null) {
            refuse(source, refusal);
        }
    }

    private @Nullable Refusal simplifyPath(RelayServer relay, Peer source, byte[] packet) {
        if (packet.length < 5) {
            return new Refusal(DROP_MALFORMED, "a SIMPLIFY_PATH of " + packet.length + " bytes");
        }
        int id = MultiplayerPacket.int32At(packet, 1);
        String path = MultiplayerPacket.stringAt(packet, 5);
        Map<Integer, String> paths = this.receivedPaths.computeIfAbsent(source.id(), (k) -> new ConcurrentHashMap<>());
        if (!paths.containsKey(id) && paths.size() >= this.maxCachedPaths) {
            return new Refusal(DROP_PATH_CACHE_FULL, "node path " + LogSafe.text(path) + " past the "
                    + this.maxCachedPaths + " paths a client may announce (peersocket.server.multiplayer.api.max-cached-paths)");
        }
        paths.put(id, path);
        // The engine confirms whatever path it is told, served or not.
        relay.putPacket(source.id(), MultiplayerPacket.confirmPath(path));
        return null;
    }

    private @Nullable Refusal confirmPath(Peer source, byte[] packet) {
        if (packet.length < 2) {
            return new Refusal(DROP_MALFORMED, "a CONFIRM_PATH of " + packet.length + " bytes");
        }
        String path = NodePaths.received(MultiplayerPacket.stringAt(packet, 1));
        synchronized (this.sendLock) {
            SentPath sent = this.sentPaths.get(path);
            if (sent == null || !sent.confirmed.containsKey(source.id())) {
                return new Refusal(DROP_MALFORMED, "a CONFIRM_PATH of " + LogSafe.text(path)
                        + ", a path it was never sent");
            }
            sent.confirmed.put(source.id(), Boolean.TRUE);
        }
        return null;
    }

    private @Nullable Refusal raw(Peer source, byte[] packet) {
        if (packet.length < 2) {
            return new Refusal(DROP_MALFORMED, "an empty raw packet");
        }
        byte[] bytes = Arrays.copyOfRange(packet, 1, packet.length);
        int[] sender = SENDER.get();
        int previous = sender[0];
        sender[0] = source.id();
        try {
            for (RemoteNodeBinding node : this.nodes.values()) {
                for (RemoteNodeBinding.Function listener : node.rawListeners()) {
                    listener.invoke(new Object[0], source.id(), source, bytes);
                }
            }
        }
        finally {
            sender[0] = previous;
        }
        return null;
    }

    private @Nullable Refusal remote(RelayServer relay, Peer source, byte[] packet) {
        boolean set = packet[0] == MultiplayerPacket.REMOTE_SET;
        if (packet.length < 6) {
            return new Refusal(DROP_MALFORMED, "a remote " + (set ? "set" : "call") + " of " + packet.length + " bytes");
        }
        int node = MultiplayerPacket.int32At(packet, 1);
        String path;
        if ((node & MultiplayerPacket.FULL_PATH_FLAG) != 0) {
            int offset = node & ~MultiplayerPacket.FULL_PATH_FLAG;
            if (offset >= packet.length) {
                return new Refusal(DROP_MALFORMED, "a remote call whose path offset " + offset + " is past its "
                        + packet.length + " bytes");
            }
            path = MultiplayerPacket.stringAt(packet, offset);
        }
        else {
            Map<Integer, String> paths = this.receivedPaths.get(source.id());
            path = (paths != null) ? paths.get(node) : null;
            if (path == null) {
                return new Refusal(DROP_UNKNOWN_NODE, "a remote call for node path id " + node + ", which it never announced");
            }
        }
        int nameEnd = MultiplayerPacket.nulAt(packet, 5);
        if (nameEnd < 0) {
            return new Refusal(DROP_MALFORMED, "a remote call whose name has no end");
        }
        String name = new String(packet, 5, nameEnd - 5, StandardCharsets.UTF_8);
        RemoteNodeBinding binding = this.nodes.get(NodePaths.received(path));
        if (binding == null) {
            return new Refusal(DROP_UNKNOWN_NODE, "a remote " + (set ? "set of " : "call of ") + LogSafe.text(name)
                    + " on node " + LogSafe.text(path) + ", which the application does not serve");
        }
        int[] sender = SENDER.get();
        int previous = sender[0];
        sender[0] = source.id();
        try {
            return set ? runSet(binding, name, source, packet, nameEnd + 1, relay.variantSettings(), false)
                    : runCall(binding, name, source, packet, nameEnd + 1, relay.variantSettings(), false);
        }
        finally {
            sender[0] = previous;
        }
    }

    private @Nullable Refusal runCall(RemoteNodeBinding node, String name, @Nullable Peer source, byte[] packet,
            int offset, VariantSettings variants, boolean local) {
        RemoteNodeBinding.Function function = node.function(name);
        if (function == null) {
            return new Refusal(DROP_UNKNOWN_METHOD, "a call of " + LogSafe.text(name) + " on node " + node.path()
                    + ", which has no remote function of that name");
        }
        if (!local && !function.mode().clientMayCall()) {
            return new Refusal(DROP_FORBIDDEN, "a call of " + name + " on node " + node.path() + ", whose mode "
                    + function.mode() + " forbids a client's call (the server is the node's master)");
        }
        if (offset >= packet.length) {
            return new Refusal(DROP_MALFORMED, "a call of " + name + " with no argument count");
        }
        int count = packet[offset] & 0xFF;
        offset++;
        @Nullable Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            if (offset >= packet.length) {
                return new Refusal(DROP_MALFORMED, "a call of " + name + " that ends before argument " + i);
            }
            try {
                VariantCodec.Decoded decoded = variants.codec().decodeAt(packet, offset, variants.allowObjectDecoding());
                values[i] = decoded.value();
                offset += decoded.length();
            }
            catch (VariantDecodingException ex) {
                return new Refusal(DROP_MALFORMED, "a call of " + name + " whose argument " + i + " is no Variant: "
                        + ex.getMessage());
            }
        }
        if (count != function.arguments()) {
            return new Refusal(DROP_ARGUMENT_COUNT, "a call of " + function.signature() + " on node " + node.path()
                    + " with " + count + " argument" + ((count == 1) ? "" : "s"));
        }
        for (RemoteNodeBinding.Slot slot : function.slots()) {
            if (slot.index() >= 0) {
                Object bound = VariantBinding.bind(values[slot.index()], slot.type());
                if (bound == VariantBinding.MISMATCH) {
                    return new Refusal(DROP_ARGUMENT_TYPE, "a call of " + function.signature() + " on node "
                            + node.path() + " whose argument " + slot.index() + " is "
                            + VariantBinding.typeName(values[slot.index()]));
                }
                values[slot.index()] = bound;
            }
        }
        if (!local) {
            this.calls.increment();
        }
        function.invoke(values, SENDER.get()[0], source, null);
        return null;
    }

    private @Nullable Refusal runSet(RemoteNodeBinding node, String name, @Nullable Peer source, byte[] packet,
            int offset, VariantSettings variants, boolean local) {
        RemoteNodeBinding.Property property = node.property(name);
        if (property == null) {
            return new Refusal(DROP_UNKNOWN_PROPERTY, "a set of " + LogSafe.text(name) + " on node " + node.path()
                    + ", which has no remote property of that name");
        }
        if (!local && !property.mode().clientMayCall()) {
            return new Refusal(DROP_FORBIDDEN, "a set of " + name + " on node " + node.path() + ", whose mode "
                    + property.mode() + " forbids a client's set (the server is the node's master)");
        }
        if (offset >= packet.length) {
            return new Refusal(DROP_MALFORMED, "a set of " + name + " with no value");
        }
        Object value;
        try {
            value = variants.codec().decodeAt(packet, offset, variants.allowObjectDecoding()).value();
        }
        catch (VariantDecodingException ex) {
            return new Refusal(DROP_MALFORMED, "a set of " + name + " whose value is no Variant: " + ex.getMessage());
        }
        Object bound = VariantBinding.bind(value, property.field().getType());
        if (bound == VariantBinding.MISMATCH) {
            return new Refusal(DROP_ARGUMENT_TYPE, "a set of " + name + " (" + property.field().getType().getSimpleName()
                    + ") on node " + node.path() + " to " + VariantBinding.typeName(value));
        }
        if (!local) {
            this.calls.increment();
        }
        property.set(bound);
        return null;
    }

    private void refuse(Peer source, Refusal refusal) {
        this.drops.computeIfAbsent(refusal.reason(), (r) -> new LongAdder()).increment();
        this.observer.dropped(this.relayPath, refusal.reason());
        if (logger.isDebugEnabled()) {
            logger.debug("Multiplayer API of " + this.relayPath + ": " + source + " sent " + refusal.cause()
                    + ": dropped (" + refusal.reason() + ")" + (this.strict ? "; closing it with 1008 (strict)" : ""));
        }
        if (this.strict) {
            source.close(1008, "Multiplayer API violation");
        }
    }

    private RelayServer relay() {
        RelayServer current = this.relay;
        if (current == null) {
            current = this.relaySupplier.get();
            this.relay = current;
        }
        return current;
    }

    @Override
    public String toString() {
        return "MultiplayerApi " + this.relayPath + " " + this.nodes.keySet();
    }

    /** Why a packet is dropped: the counted reason and what the log line says it was. */
    private record Refusal(String reason, String cause) {
    }

    /** A path peer 1 sent to clients: its id, and for each client whether it confirmed it. */
    private static final class SentPath {

        private final int id;

        private final Map<Integer, Boolean> confirmed = new HashMap<>();

        SentPath(int id) {
            this.id = id;
        }

    }

}
