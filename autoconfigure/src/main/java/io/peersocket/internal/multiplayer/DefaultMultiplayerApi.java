package io.peersocket.internal.multiplayer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.peersocket.logging.LogSafe;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.multiplayer.rpc.MultiplayerDialect;
import io.peersocket.multiplayer.rpc.RpcMode;
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
 * The {@link MultiplayerApi} of one relay endpoint, in front of the relay's application:
 * the engine's {@code MultiplayerAPI} on peer 1 ({@code core/io/multiplayer_api.cpp}), in
 * the clients' dialect. It receives what clients address to peer 1 and keeps the packets
 * whose first byte is one of the dialect's commands; any other goes on to the
 * application.
 */
public final class DefaultMultiplayerApi implements MultiplayerApi, MultiplayerListener {

    private static final Log logger = LogFactory.getLog(DefaultMultiplayerApi.class);

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

    // The engine's path_send_cache: peer 1's id for each path it sent to, and who
    // confirmed it.
    private final Map<String, SentPath> sentPaths = new ConcurrentHashMap<>();

    private final AtomicInteger lastSentPathId = new AtomicInteger(1);

    // Each node's network master when it is not the server (set_network_master).
    private final Map<String, Integer> masters = new ConcurrentHashMap<>();

    private final MultiplayerPacket packets;

    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    private final LongAdder calls = new LongAdder();

    DefaultMultiplayerApi(String relayPath, List<RemoteNodeBinding> nodes, MultiplayerListener application,
            PeerSocketObserver observer, boolean strict, int maxCachedPaths, MultiplayerDialect dialect,
            Supplier<RelayServer> relay) {
        this.relayPath = relayPath;
        this.packets = MultiplayerPacket.of(dialect);
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

    @Override
    public String getRelayPath() {
        return this.relayPath;
    }

    @Override
    public MultiplayerDialect getDialect() {
        return this.packets.dialect();
    }

    @Override
    public int getNetworkUniqueId() {
        return RelayServer.TARGET_PEER_SERVER;
    }

    @Override
    public boolean isNetworkServer() {
        return true;
    }

    @Override
    public List<Integer> getNetworkConnectedPeers() {
        return relay().getPeerIds();
    }

    @Override
    public int getRpcSenderId() {
        return SENDER.get()[0];
    }

    @Override
    public PeerError rpc(String nodePath, String method, @Nullable Object... args) {
        return call(0, nodePath, false, method, Arrays.asList(args));
    }

    @Override
    public PeerError rpcId(int peerId, String nodePath, String method, @Nullable Object... args) {
        return call(peerId, nodePath, false, method, Arrays.asList(args));
    }

    @Override
    public PeerError rset(String nodePath, String property, @Nullable Object value) {
        return call(0, nodePath, true, property, Arrays.asList(value));
    }

    @Override
    public PeerError rsetId(int peerId, String nodePath, String property, @Nullable Object value) {
        return call(peerId, nodePath, true, property, Arrays.asList(value));
    }

    @Override
    public PeerError sendBytes(byte[] bytes, int target) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("send_bytes of an empty packet: the engine refuses it");
        }
        return relay().putPacket(target, this.packets.raw(bytes));
    }

    // ---- network masters ----

    @Override
    public void setNetworkMaster(String nodePath, int peerId) {
        if (peerId < 1) {
            throw new IllegalArgumentException("set_network_master(" + peerId + ") on " + nodePath
                    + ": a master is 1 (the server) or a client's id");
        }
        String path = NodePaths.relative(nodePath);
        if (peerId == RelayServer.TARGET_PEER_SERVER) {
            this.masters.remove(path);
        }
        else {
            this.masters.put(path, peerId);
        }
    }

    @Override
    public int getNetworkMaster(String nodePath) {
        return masterOf(NodePaths.relative(nodePath));
    }

    private int masterOf(String relativePath) {
        Integer master = this.masters.get(relativePath);
        return (master != null) ? master : RelayServer.TARGET_PEER_SERVER;
    }

    // ---- counts ----

    @Override
    public long getCallCount() {
        return this.calls.sum();
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

    // ---- sending ----

    private PeerError call(int target, String nodePath, boolean set, String name, List<@Nullable Object> args) {
        String path;
        try {
            path = NodePaths.relative(nodePath);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException((set ? "rset" : "rpc") + " '" + name + "': " + ex.getMessage(), ex);
        }
        if (set && !this.packets.hasRemoteSet()) {
            throw new UnsupportedOperationException(
                    "rset '" + name + "' on " + nodePath + ": the " + this.packets.dialect()
                            + " MultiplayerAPI has no rset (peersocket.server.multiplayer.api.dialect)");
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
        // The engine's rpcp / rsetp: a member of the application's own node runs locally
        // too when
        // _should_call_local says so for its mode and whether the server is the node's
        // master.
        boolean skipNetwork = target == self;
        boolean callLocal = false;
        RemoteNodeBinding local = this.nodes.get(path);
        if (local != null && (target == 0 || target == self || (target < 0 && target != -self))) {
            RpcMode mode = set ? modeOf(local.property(name)) : modeOf(local.function(name));
            if (mode != null) {
                boolean serverIsMaster = masterOf(path) == self;
                callLocal = RpcModes.callsLocally(mode, serverIsMaster);
                skipNetwork |= RpcModes.skipsNetwork(mode, serverIsMaster);
            }
        }
        PeerError result = PeerError.OK;
        if (!skipNetwork) {
            result = send(relay, target, path, set, name, args, codec);
        }
        if (callLocal) {
            byte[] own = this.packets.call(set, 0, name, args, codec);
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

    // The engine's _send_rpc with _send_confirm_path: a client that has not been sent the
    // path is
    // sent SIMPLIFY_PATH first; one that has not confirmed it gets the full path in the
    // call. One
    // lock per path keeps each client's SIMPLIFY_PATH ahead of the calls that need it.
    private PeerError send(RelayServer relay, int target, String path, boolean set, String name,
            List<@Nullable Object> args, VariantCodec codec) {
        SentPath sent = this.sentPaths.computeIfAbsent(path,
                (p) -> new SentPath(this.lastSentPathId.getAndIncrement()));
        byte[] packet = this.packets.call(set, sent.id, name, args, codec);
        synchronized (sent) {
            if (target > 0) {
                // One receiver (rpc_id): no need to list the relay's peers.
                Boolean confirmed = sent.confirmed.get(target);
                if (Boolean.TRUE.equals(confirmed)) {
                    return relay.putPacket(target, packet);
                }
                if (confirmed == null) {
                    relay.putPacket(target, this.packets.simplifyPath(sent.id, path));
                    sent.confirmed.put(target, Boolean.FALSE);
                }
                return relay.putPacket(target, MultiplayerPacket.withFullPath(packet, path));
            }
            List<Integer> receivers = relay.getPeerIds().stream().filter((id) -> isTarget(id, target)).toList();
            boolean allConfirmed = true;
            for (int id : receivers) {
                Boolean confirmed = sent.confirmed.get(id);
                if (confirmed == null) {
                    relay.putPacket(id, this.packets.simplifyPath(sent.id, path));
                    sent.confirmed.put(id, Boolean.FALSE);
                }
                allConfirmed &= Boolean.TRUE.equals(confirmed);
            }
            if (allConfirmed) {
                return relay.putPacket(target, packet);
            }
            byte[] withPath = MultiplayerPacket.withFullPath(packet, path);
            for (int id : receivers) {
                relay.putPacket(id, Boolean.TRUE.equals(sent.confirmed.get(id)) ? packet : withPath);
            }
            return PeerError.OK;
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
        this.sentPaths.values().forEach((sent) -> {
            synchronized (sent) {
                sent.confirmed.remove(id);
            }
        });
        this.application.peerDisconnected(relay, peer);
    }

    @Override
    public void peerPacket(RelayServer relay, Peer source, int target, byte[] payload) {
        this.relay = relay;
        int command = (payload.length == 0) ? -1 : payload[0] & 0xFF;
        if (command < 0 || command > this.packets.rawCommand) {
            this.application.peerPacket(relay, source, target, payload); // not the
                                                                         // MultiplayerAPI's
            return;
        }
        Refusal refusal;
        if (command == this.packets.simplifyCommand) {
            refusal = simplifyPath(relay, source, payload);
        }
        else if (command == this.packets.confirmCommand) {
            refusal = confirmPath(source, payload);
        }
        else if (command == this.packets.rawCommand) {
            refusal = raw(source, payload);
        }
        else {
            refusal = remote(relay, source, payload, command == this.packets.setCommand);
        }
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
            return new Refusal(DROP_PATH_CACHE_FULL,
                    "node path " + LogSafe.text(path) + " past the " + this.maxCachedPaths
                            + " paths a client may announce (peersocket.server.multiplayer.api.max-cached-paths)");
        }
        paths.put(id, NodePaths.received(path));
        // The engine confirms whatever path it is told, served or not.
        relay.putPacket(source.id(), this.packets.confirmPath(path));
        return null;
    }

    private @Nullable Refusal confirmPath(Peer source, byte[] packet) {
        if (packet.length < 2) {
            return new Refusal(DROP_MALFORMED, "a CONFIRM_PATH of " + packet.length + " bytes");
        }
        String path = NodePaths.received(MultiplayerPacket.stringAt(packet, 1));
        SentPath sent = this.sentPaths.get(path);
        if (sent == null) {
            return new Refusal(DROP_MALFORMED,
                    "a CONFIRM_PATH of " + LogSafe.text(path) + ", a path it was never sent");
        }
        synchronized (sent) {
            if (!sent.confirmed.containsKey(source.id())) {
                return new Refusal(DROP_MALFORMED,
                        "a CONFIRM_PATH of " + LogSafe.text(path) + ", a path it was never sent");
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

    private @Nullable Refusal remote(RelayServer relay, Peer source, byte[] packet, boolean set) {
        if (packet.length < 6) {
            return new Refusal(DROP_MALFORMED,
                    "a remote " + (set ? "set" : "call") + " of " + packet.length + " bytes");
        }
        int node = MultiplayerPacket.int32At(packet, 1);
        String path;
        if ((node & MultiplayerPacket.FULL_PATH_FLAG) != 0) {
            int offset = node & ~MultiplayerPacket.FULL_PATH_FLAG;
            if (offset >= packet.length) {
                return new Refusal(DROP_MALFORMED,
                        "a remote call whose path offset " + offset + " is past its " + packet.length + " bytes");
            }
            path = NodePaths.received(MultiplayerPacket.stringAt(packet, offset));
        }
        else {
            Map<Integer, String> paths = this.receivedPaths.get(source.id());
            path = (paths != null) ? paths.get(node) : null;
            if (path == null) {
                return new Refusal(DROP_UNKNOWN_NODE,
                        "a remote call for node path id " + node + ", which it never announced");
            }
        }
        int nameEnd = MultiplayerPacket.nulAt(packet, 5);
        if (nameEnd < 0) {
            return new Refusal(DROP_MALFORMED, "a remote call whose name has no end");
        }
        String name = new String(packet, 5, nameEnd - 5, StandardCharsets.UTF_8);
        RemoteNodeBinding binding = this.nodes.get(path);
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
        if (!local && source != null && !RpcModes.canCall(function.mode(), masterOf(node.path()), source.id())) {
            return new Refusal(DROP_FORBIDDEN, "a call of " + name + " on node " + node.path() + ", whose mode "
                    + function.mode() + " forbids its call (" + masterText(node) + ")");
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
                VariantCodec.Decoded decoded = variants.codec()
                    .decodeAt(packet, offset, variants.allowObjectDecoding());
                values[i] = decoded.value();
                offset += decoded.length();
            }
            catch (VariantDecodingException ex) {
                return new Refusal(DROP_MALFORMED,
                        "a call of " + name + " whose argument " + i + " is no Variant: " + ex.getMessage());
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
                    return new Refusal(DROP_ARGUMENT_TYPE,
                            "a call of " + function.signature() + " on node " + node.path() + " whose argument "
                                    + slot.index() + " is " + VariantBinding.typeName(values[slot.index()]));
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
        if (!local && source != null && !RpcModes.canCall(property.mode(), masterOf(node.path()), source.id())) {
            return new Refusal(DROP_FORBIDDEN, "a set of " + name + " on node " + node.path() + ", whose mode "
                    + property.mode() + " forbids its set (" + masterText(node) + ")");
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
            return new Refusal(DROP_ARGUMENT_TYPE,
                    "a set of " + name + " (" + property.field().getType().getSimpleName() + ") on node " + node.path()
                            + " to " + VariantBinding.typeName(value));
        }
        if (!local) {
            this.calls.increment();
        }
        property.set(bound);
        return null;
    }

    private String masterText(RemoteNodeBinding node) {
        int master = masterOf(node.path());
        return (master == RelayServer.TARGET_PEER_SERVER) ? "the server is the node's master"
                : "peer " + master + " is the node's master";
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

    /**
     * A path peer 1 sent to clients: its id, and for each client whether it confirmed it.
     */
    private static final class SentPath {

        private final int id;

        // Guarded by the SentPath itself.
        private final Map<Integer, Boolean> confirmed = new HashMap<>();

        SentPath(int id) {
            this.id = id;
        }

    }

}
