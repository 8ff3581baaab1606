package io.peersocket.multiplayer.rpc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.peersocket.variant.Vector2;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A relay at {@code /mp} (by property) whose application serves node {@code /root/Game}
 * as {@code godot/mp_api_server.gd} serves it on the engine, so that
 * {@code godot/mp_api_client.gd} can be run against both.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MultiplayerApiTestApplication.Game.class)
public class MultiplayerApiTestApplication {

    static final int PLAYERS = 2;

    @RemoteNode(path = "/root/Game")
    public static class Game {

        public final List<String> log = new CopyOnWriteArrayList<>();

        public final AtomicInteger secretCalls = new AtomicInteger();

        private final List<String> players = new CopyOnWriteArrayList<>();

        private final MultiplayerApi multiplayer;

        @Remote
        volatile long hp;

        Game(MultiplayerApi multiplayer) {
            this.multiplayer = multiplayer;
        }

        // Remote functions of different clients run at once (each client's in its order):
        // the
        // engine runs them all on its main thread, so a node's state needs its lock here.
        @Remote
        synchronized void register(@RpcSenderId int id, String name, int level, Vector2 pos) {
            this.log.add("register " + name + " " + level + " (" + fmt(pos.x()) + ", " + fmt(pos.y()) + ")");
            this.players.add(name);
            this.multiplayer.rpcId(id, "/root/Game", "welcome", id, name + ":" + level);
            if (this.players.size() == PLAYERS) {
                this.multiplayer.rpc("/root/Game", "start", "go");
            }
        }

        @Remote(RpcMode.REMOTESYNC)
        void start(String word) {
            this.log.add("start " + word + " from " + this.multiplayer.getRpcSenderId());
        }

        @Remote
        void report(@RpcSenderId long id) {
            this.multiplayer.rpcId((int) id, "Game", "hp_is", this.hp);
        }

        @Remote(RpcMode.PUPPET)
        void secret() {
            this.secretCalls.incrementAndGet();
            this.log.add("secret");
        }

        @Remote
        void finish(@RpcSenderId int id) {
            this.multiplayer.rpcId(id, "/root/Game", "bye");
        }

        @NetworkPeerPacket
        void bytes(@RpcSenderId int id, byte[] packet) {
            this.multiplayer
                .sendBytes(("echo:" + new String(packet, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), id);
        }

        // As GDScript's str() of a float in a Vector2.
        private static String fmt(float value) {
            return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
        }

    }

}
