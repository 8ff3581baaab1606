package io.peersocket.multiplayer.rpc;

import java.util.List;
import java.util.Map;

import io.peersocket.peer.PeerError;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@code MultiplayerAPI} on the application's side (peer 1) of one relay
 * endpoint: serves the {@link RemoteNode} beans bound to it to the clients' {@code rpc},
 * {@code rset} and {@code send_bytes}, and calls remote functions, sets remote properties
 * and sends bytes on the clients' nodes. Inject it (one relay) or get it from
 * {@link MultiplayerApis}.
 * <p>
 * It sees every payload a client addresses to peer 1 (to 1, 0 or -N) first: those whose
 * first byte is one of the dialect's MultiplayerAPI commands are its own; any other goes
 * on to the relay's application ({@code @PeerPacket}), so one endpoint may serve both.
 * <p>
 * A call the engine would refuse (an unknown node, function or property, a mode that
 * forbids the caller, a wrong argument count or type, a malformed packet) is dropped with
 * one debug log line naming the cause and counted ({@code peersocket.drops}, reason
 * {@code rpc-*}); the client stays connected unless strict mode closes it with 1008.
 * Remote functions run on the relay's handler threads in the server's dispatch mode:
 * never two at once for one client, in its order. Every method is safe from any thread.
 */
public interface MultiplayerApi {

    /** Drop reason: a packet too short or otherwise not as the engine writes it. */
    String DROP_MALFORMED = "rpc-malformed";

    /**
     * Drop reason: no {@link RemoteNode} at the node path (or an unknown path cache id).
     */
    String DROP_UNKNOWN_NODE = "rpc-unknown-node";

    /** Drop reason: the node has no remote function of that name. */
    String DROP_UNKNOWN_METHOD = "rpc-unknown-method";

    /** Drop reason: the node has no remote property of that name. */
    String DROP_UNKNOWN_PROPERTY = "rpc-unknown-property";

    /**
     * Drop reason: the function's or property's mode forbids the caller (puppet, master,
     * disabled).
     */
    String DROP_FORBIDDEN = "rpc-forbidden";

    /** Drop reason: not as many arguments as the function takes. */
    String DROP_ARGUMENT_COUNT = "rpc-argument-count";

    /** Drop reason: an argument (or an rset value) its parameter's type cannot take. */
    String DROP_ARGUMENT_TYPE = "rpc-argument-type";

    /** Drop reason: a client announced more node paths than {@code max-cached-paths}. */
    String DROP_PATH_CACHE_FULL = "rpc-path-cache-full";

    // ---- the engine's MultiplayerAPI members ----

    /**
     * @return the relay endpoint's path
     */
    String getRelayPath();

    /**
     * @return the clients' engine, from {@code peersocket.server.multiplayer.api.dialect}
     */
    MultiplayerDialect getDialect();

    /**
     * @return 1, the server's id ({@code get_network_unique_id})
     */
    int getNetworkUniqueId();

    /**
     * @return {@code true}: the application is the server ({@code is_network_server})
     */
    boolean isNetworkServer();

    /**
     * @return the connected clients' ids, ascending ({@code get_network_connected_peers})
     */
    List<Integer> getNetworkConnectedPeers();

    /**
     * @return the id of the peer whose remote call or set is running on this thread, 1
     * for the application's own sync call, 0 outside one ({@code get_rpc_sender_id})
     */
    int getRpcSenderId();

    // ---- network masters ----

    /**
     * Makes a peer the network master of the node at that path
     * ({@code set_network_master(id)} on that node), as the engine's server hands a
     * player its own node. The mode checks follow it, as the engine's
     * {@code _can_call_mode}: while a client is the master, its calls of the node's
     * {@code PUPPET}/{@code PUPPETSYNC} members are accepted (and nobody else's), and
     * every client's call of a {@code MASTER}/{@code MASTERSYNC} member is refused,
     * because the server is then a puppet; and the application's own {@link #rpc} runs
     * its local function as a puppet's does ({@code _should_call_local}). 1 makes the
     * server the master again, as it is of every node by default. The engine keeps a
     * master that disconnects; so does this: set 1 on {@code @PeerDisconnected} when the
     * node should go back to the server.
     * @param nodePath the node, {@code "/root/Game"} or {@code "Game"}
     * @param peerId the master: 1 for the server, or a client's id
     * @throws IllegalArgumentException for a path outside {@code /root} or an id below 1
     */
    void setNetworkMaster(String nodePath, int peerId);

    /**
     * @param nodePath the node
     * @return the node's network master ({@code get_network_master()}): 1 unless
     * {@link #setNetworkMaster} made a client the master
     */
    int getNetworkMaster(String nodePath);

    /**
     * @param nodePath the node
     * @return whether the server is the node's master ({@code is_network_master()} on the
     * server)
     */
    default boolean isNetworkMaster(String nodePath) {
        return getNetworkMaster(nodePath) == getNetworkUniqueId();
    }

    // ---- calls ----

    /**
     * Calls a remote function on the node at that path on every client ({@code rpc});
     * when the application serves that node itself with a function of that name whose
     * mode calls locally (the engine's {@code _should_call_local}), runs it too; a
     * {@code MASTER}/{@code MASTERSYNC} function of a node whose master is the server
     * runs only locally, as in the engine.
     * @param nodePath the clients' node, {@code "/root/Game"} or {@code "Game"}
     * @param method the function
     * @param args its arguments (Java types of
     * {@link io.peersocket.variant.VariantCodec})
     * @return {@link PeerError#OK}, or what the relay answers
     * @throws IllegalArgumentException for an argument with no Variant type or more than
     * 255 of them
     */
    PeerError rpc(String nodePath, String method, @Nullable Object... args);

    /**
     * Calls a remote function on one client, or on every client but one ({@code rpc_id}).
     * @param peerId the client, or -N for everybody but N
     * @param nodePath the clients' node
     * @param method the function
     * @param args its arguments
     * @return {@link PeerError#OK}; {@link PeerError#FAILED} when that client is not
     * connected
     */
    PeerError rpcId(int peerId, String nodePath, String method, @Nullable Object... args);

    /**
     * {@code rpc_unreliable}: as {@link #rpc}. A WebSocket has one reliable, ordered
     * channel; the engine's WebSocket peer ignores the transfer mode too.
     * @param nodePath the clients' node
     * @param method the function
     * @param args its arguments
     * @return as {@link #rpc}
     */
    default PeerError rpcUnreliable(String nodePath, String method, @Nullable Object... args) {
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
    default PeerError rpcUnreliableId(int peerId, String nodePath, String method, @Nullable Object... args) {
        return rpcId(peerId, nodePath, method, args);
    }

    /**
     * Sets a remote property of the node at that path on every client ({@code rset}).
     * @param nodePath the clients' node
     * @param property the property
     * @param value its value
     * @return as {@link #rpc}
     * @throws UnsupportedOperationException with the
     * {@link MultiplayerDialect#PANDEMONIUM} dialect, whose engine has no {@code rset}
     */
    PeerError rset(String nodePath, String property, @Nullable Object value);

    /**
     * Sets a remote property on one client, or on every client but one ({@code rset_id}).
     * @param peerId the client, or -N
     * @param nodePath the clients' node
     * @param property the property
     * @param value its value
     * @return as {@link #rpcId}
     * @throws UnsupportedOperationException with the
     * {@link MultiplayerDialect#PANDEMONIUM} dialect
     */
    PeerError rsetId(int peerId, String nodePath, String property, @Nullable Object value);

    /**
     * Sends raw bytes to every client ({@code send_bytes(bytes)}); they get
     * {@code network_peer_packet(1, bytes)}.
     * @param bytes at least one byte
     * @return as {@link #sendBytes(byte[], int)}
     */
    default PeerError sendBytes(byte[] bytes) {
        return sendBytes(bytes, 0);
    }

    /**
     * Sends raw bytes ({@code send_bytes(bytes, id)}).
     * @param bytes at least one byte
     * @param target a client, 0 for everybody, -N for everybody but N
     * @return as {@link io.peersocket.multiplayer.RelayServer#putPacket(int, byte[])}
     * @throws IllegalArgumentException for no bytes (the engine refuses an empty raw
     * packet)
     */
    PeerError sendBytes(byte[] bytes, int target);

    // ---- counts ----

    /**
     * @return remote calls and sets from clients that ran
     */
    long getCallCount();

    /**
     * @param reason one of the {@code DROP_} constants
     * @return packets dropped for that reason
     */
    long getDroppedCount(String reason);

    /**
     * @return packets dropped, by reason
     */
    Map<String, Long> getDroppedCounts();

}
