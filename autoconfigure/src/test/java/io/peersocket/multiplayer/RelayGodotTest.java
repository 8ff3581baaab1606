package io.peersocket.multiplayer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.Godot;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Godot 3.2.3 headless clients ({@code WebSocketClient} with {@code gd_mp_api = true})
 * against the Java relay, and the same clients against the engine's own relay
 * ({@code WebSocketServer.listen(port, [], true)} in {@code godot3-server}): the same
 * deliveries, but for the one deliberate difference (the engine also hands a packet sent
 * to -1 to its own application). Skipped when Godot is not installed, unless
 * {@code peersocket.peers.required}.
 */
@SpringBootTest(classes = RelayGodotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class RelayGodotTest {

    static final List<String> NAMES = List.of("A", "B", "C");

    static final Duration RUN = Duration.ofSeconds(60);

    @LocalPeerSocketPort
    int port;

    @Autowired
    RelayGodotApplication.Referee referee;

    @Autowired
    RelayServers relays;

    @BeforeEach
    void reset() {
        Godot.assumeInstalled();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.relays.get("/mp").getPeerCount() == 0);
        this.referee.reset();
    }

    @Test
    void threeGodotClientsGetExactlyWhatTheEnginesOwnRelayDelivers() throws Exception {
        Map<String, List<String>> java = runClients("ws://127.0.0.1:" + this.port + "/mp");
        java.put("server", sorted(this.referee.log));

        Map<String, List<String>> engine;
        int enginePort = freePort();
        try (PeerProcess server = Godot.start("engine-relay", "relay_server.gd",
                Map.of("MP_PORT", String.valueOf(enginePort), "MP_CLIENTS", "3", "MP_TIMEOUT", "50"))) {
            server.awaitLine("READY"::equals, Duration.ofSeconds(30));
            engine = runClients("ws://127.0.0.1:" + enginePort + "/");
            server.awaitLine("RESULT server ok"::equals, RUN);
            engine.put("server", logOf(server, "server"));
        }

        for (String who : List.of("A", "B", "C", "server")) {
            assertThat(java.get(who)).as("what %s got through the Java relay", who)
                .containsExactlyElementsOf(expected(who, false));
            assertThat(engine.get(who)).as("what %s got through the engine's relay", who)
                .containsExactlyElementsOf(expected(who, true));
        }
    }

    @Test
    void anRpcFromOneGodotClientReachesAnotherThroughTheJavaRelay() throws Exception {
        String url = "ws://127.0.0.1:" + this.port + "/mp";
        try (PeerProcess receiver = Godot.start("rpc-receiver", "relay_rpc.gd",
                Map.of("MP_URL", url, "MP_ROLE", "receiver", "MP_TIMEOUT", "40"))) {
            String receiverId = receiver.awaitLine((l) -> l.startsWith("RESULT receiver id "), RUN).substring(19);
            try (PeerProcess sender = Godot.start("rpc-sender", "relay_rpc.gd",
                    Map.of("MP_URL", url, "MP_ROLE", "sender", "MP_TIMEOUT", "40"))) {
                String senderId = sender.awaitLine((l) -> l.startsWith("RESULT sender id "), RUN).substring(17);
                sender.awaitLine(("RESULT sender called " + receiverId)::equals, RUN);
                receiver.awaitLine(("RESULT receiver got hi from " + senderId + " from " + senderId)::equals, RUN);
                sender.awaitLine("RESULT sender saw-receiver-leave"::equals, RUN);
                sender.assertExits(RUN);
            }
            receiver.assertExits(RUN);
        }
    }

    /** Runs clients A, B and C against a relay; returns each one's log, sorted. */
    private Map<String, List<String>> runClients(String url) throws Exception {
        List<PeerProcess> clients = new ArrayList<>();
        try {
            for (String name : NAMES) {
                clients.add(Godot.start(name, "relay_client.gd",
                        Map.of("MP_URL", url, "MP_NAME", name, "MP_LEAVES_FIRST", "C", "MP_TIMEOUT", "50")));
            }
            Map<String, List<String>> logs = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                String name = NAMES.get(i);
                clients.get(i).awaitLine((l) -> l.startsWith("RESULT " + name + " "), RUN);
                clients.get(i).assertExits(RUN);
            }
            StringBuilder outputs = new StringBuilder();
            clients.forEach((client) -> outputs.append("\n--- ")
                .append(client)
                .append(" at ")
                .append(url)
                .append('\n')
                .append(String.join("\n", client.lines())));
            for (int i = 0; i < NAMES.size(); i++) {
                String name = NAMES.get(i);
                assertThat(clients.get(i).lines()).as("result of client %s; outputs:%s", name, outputs)
                    .filteredOn((l) -> l.startsWith("RESULT "))
                    .containsExactly("RESULT " + name + " ok");
                logs.put(name, logOf(clients.get(i), name));
            }
            return logs;
        }
        finally {
            clients.forEach(PeerProcess::close);
        }
    }

    private static List<String> logOf(PeerProcess process, String name) {
        String prefix = "LOG " + name + " ";
        return sorted(process.lines()
            .stream()
            .filter((l) -> l.startsWith(prefix))
            .map((l) -> l.substring(prefix.length()))
            .toList());
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    /**
     * What each party must log, from the protocol's rules (see relay_client.gd for what
     * each client sends: X sends to its successor Y in A, B, C order).
     * @param engineQuirk whether the relay is Godot's own, which also keeps packets sent
     * to -1
     */
    static List<String> expected(String who, boolean engineQuirk) {
        List<String> lines = new ArrayList<>();
        if (who.equals("server")) {
            for (String s : NAMES) {
                String y = next(s);
                lines.addAll(List.of(s + " hello-server:" + s, s + " " + s + ">all", s + " " + s + ">not" + y,
                        s + " " + s + ">not" + s, s + " ping-server:" + s + "-to1", s + " ping-server:" + s + "-to0",
                        s + " ping-server:" + s + "-not" + y, s + " done:" + s));
                if (engineQuirk) {
                    lines.addAll(List.of(s + " " + s + ">not1", s + " ping-server:" + s + "-not1"));
                }
            }
            return sorted(lines);
        }
        for (String s : NAMES) {
            if (s.equals(who)) {
                continue;
            }
            String y = next(s);
            lines.addAll(
                    List.of(s + " hello:" + s, s + " " + s + ">all", s + " " + s + ">not" + s, s + " " + s + ">not1",
                            s + " ping-server:" + s + "-to0", s + " ping-server:" + s + "-not1", s + " done:" + s));
            if (y.equals(who)) {
                lines.addAll(List.of(s + " " + s + ">" + who, s + " ping-server:" + s + "-to" + who));
            }
            else {
                lines.addAll(List.of(s + " " + s + ">not" + y, s + " ping-server:" + s + "-not" + y));
            }
        }
        lines.addAll(List.of("server pong-server:" + who + "-to1", "server pong-server:" + who + "-to0",
                "server pong-server:" + who + "-not" + next(who), "server server>all", "server fin", "peers seen 3"));
        if (engineQuirk) {
            lines.add("server pong-server:" + who + "-not1");
        }
        if (!who.equals("A")) {
            lines.add("server server>notA");
        }
        if (who.equals("B")) {
            lines.add("server server>B");
        }
        if (!who.equals("C")) {
            lines.add("left C");
        }
        return sorted(lines);
    }

    private static String next(String name) {
        return NAMES.get((NAMES.indexOf(name) + 1) % NAMES.size());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
