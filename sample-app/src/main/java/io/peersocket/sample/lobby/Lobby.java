package io.peersocket.sample.lobby;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.multiplayer.rpc.Remote;
import io.peersocket.multiplayer.rpc.RemoteNode;
import io.peersocket.multiplayer.rpc.RpcSenderId;
import io.peersocket.variant.Vector2;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * A tiny Godot lobby on the sample's relay at {@code ws://127.0.0.1:9080/mp}: node
 * {@code /root/Lobby} of the game in {@code sample-app/godot/lobby_client.gd}, served by
 * the Spring application (peer 1) through Godot's high-level multiplayer.
 * <ul>
 * <li>{@code rpc_id(1, "register", name)}: the caller gets {@code welcome(id, players)}
 * (a Dictionary of id to name, itself included).</li>
 * <li>{@code rpc_id(1, "move", position)}: every other player gets
 * {@code moved(id, position)}.</li>
 * </ul>
 * The same node in GDScript, as the engine's server would run it, is shown in
 * docs/multiplayer-api.md.
 */
@RemoteNode(path = "/root/Lobby")
@ConditionalOnBooleanProperty(name = "peersocket.server.enabled", matchIfMissing = true) // not
                                                                                         // in
                                                                                         // the
                                                                                         // seed-client
                                                                                         // profile
class Lobby {

    private static final Log logger = LogFactory.getLog(Lobby.class);

    private static final String NODE = "/root/Lobby";

    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    private final MultiplayerApi multiplayer;

    Lobby(MultiplayerApi multiplayer) {
        this.multiplayer = multiplayer;
    }

    @Remote
    void register(@RpcSenderId int id, String name) {
        this.names.put(id, name);
        Map<Integer, String> players = new TreeMap<>();
        for (int peer : this.multiplayer.getNetworkConnectedPeers()) {
            String known = this.names.get(peer);
            if (known != null) {
                players.put(peer, known);
            }
        }
        this.names.keySet().retainAll(players.keySet()); // forget who left
        if (logger.isDebugEnabled()) {
            logger.debug(String.format("Player %d registered; %d in the lobby", id, players.size()));
        }
        this.multiplayer.rpcId(id, NODE, "welcome", id, players);
    }

    @Remote
    void move(@RpcSenderId int id, Vector2 position) {
        this.multiplayer.rpcId(-id, NODE, "moved", id, position);
    }

}
