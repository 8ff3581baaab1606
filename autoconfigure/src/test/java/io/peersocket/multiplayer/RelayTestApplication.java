package io.peersocket.multiplayer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.peersocket.annotation.ClientCloseRequest;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerConnected;
import io.peersocket.annotation.PeerDisconnected;
import io.peersocket.annotation.PeerPacket;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A relay at {@code /mp} whose application (peer 1) records what it gets and answers
 * {@code ping-server:X} with {@code pong-server:X} to the sender, as the sample's, and a
 * hook whose behaviour a test may set.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RelayTestApplication.Game.class, RelayTestApplication.TestHook.class })
public class RelayTestApplication {

    @PacketHandler(path = "/mp", multiplayer = true)
    public static class Game {

        public final List<String> events = new CopyOnWriteArrayList<>();

        @PeerConnected
        void joined(int id, RelayServer relay) {
            this.events.add("connected " + id);
        }

        @PeerPacket
        @Nullable String packet(int from, int to, String text) {
            this.events.add("packet " + from + ">" + to + ":" + text);
            return text.startsWith("ping-server:") ? "pong-server:" + text.substring("ping-server:".length()) : null;
        }

        @ClientCloseRequest
        void closing(int id, int code) {
            this.events.add("close-request " + id + " " + code);
        }

        @PeerDisconnected
        void left(int id) {
            this.events.add("disconnected " + id);
        }

        public List<String> packets() {
            return this.events.stream().filter((e) -> e.startsWith("packet ")).map((e) -> e.substring(7)).toList();
        }

    }

    public static class TestHook implements RelayHook {

        public final List<String> seen = new CopyOnWriteArrayList<>();

        public volatile Function<RelayedPacket, RelayVerdict> behaviour = (packet) -> RelayVerdict.pass();

        public volatile boolean recording;

        @Override
        public RelayVerdict inspect(RelayedPacket packet) {
            if (this.recording) {
                this.seen.add(packet.from() + ">" + packet.to() + ":" + packet.payloadText());
            }
            return this.behaviour.apply(packet);
        }

        public void reset() {
            this.seen.clear();
            this.recording = false;
            this.behaviour = (packet) -> RelayVerdict.pass();
        }

    }

}
