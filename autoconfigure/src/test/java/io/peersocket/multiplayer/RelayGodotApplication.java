package io.peersocket.multiplayer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A relay at {@code /mp} whose application does what {@code godot/relay_server.gd} does
 * on the engine's own relay, so that the same Godot clients can be run against both and
 * their logs compared: it learns names from {@code hello-server:NAME}, answers
 * {@code ping-server:X} with {@code pong-server:X} to the sender, and once three clients
 * are done sends its own test packets and {@code fin} to everybody.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RelayGodotApplication.Referee.class)
public class RelayGodotApplication {

    @PacketHandler(path = "/mp", multiplayer = true)
    public static class Referee {

        static final int CLIENTS = 3;

        public final List<String> log = new CopyOnWriteArrayList<>();

        private final Map<Integer, String> names = new HashMap<>();

        private final Map<String, Integer> ids = new HashMap<>();

        private final Set<Integer> done = new HashSet<>();

        @PeerPacket
        synchronized void packet(int from, String text, RelayServer relay) {
            if (text.startsWith("hello-server:")) {
                this.names.put(from, text.substring("hello-server:".length()));
                this.ids.put(this.names.get(from), from);
            }
            this.log.add(this.names.getOrDefault(from, "unknown") + " " + text);
            if (text.startsWith("ping-server:")) {
                relay.send(from, "pong-server:" + text.substring("ping-server:".length()));
            }
            if (text.startsWith("done:")) {
                this.done.add(from);
                if (this.done.size() == CLIENTS) {
                    relay.send(0, "server>all");
                    relay.send(-this.ids.get("A"), "server>notA");
                    relay.send(this.ids.get("B"), "server>B");
                    relay.send(1, "server>self");
                    relay.send(0, "fin");
                }
            }
        }

        public synchronized void reset() {
            this.log.clear();
            this.names.clear();
            this.ids.clear();
            this.done.clear();
        }

    }

}
