package io.peersocket.multiplayer.rpc;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.multiplayer.RelayServers;
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
 * Two Godot 3.2.3 headless game clients (the tree's network_peer a
 * {@code WebSocketClient} with {@code gd_mp_api = true}) play
 * {@code godot/mp_api_client.gd} against the Spring application's {@code @RemoteNode} and
 * against the engine's own server running the same node in GDScript
 * ({@code godot/mp_api_server.gd}): each client prints the same lines in the same order
 * with either server. Skipped when Godot is not installed, unless
 * {@code peersocket.peers.required}.
 */
@SpringBootTest(classes = MultiplayerApiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.multiplayer.path=/mp" })
class MultiplayerApiGodotTest {

    static final List<String> NAMES = List.of("A", "B");

    static final Duration RUN = Duration.ofSeconds(60);

    @LocalPeerSocketPort
    int port;

    @Autowired
    MultiplayerApiTestApplication.Game game;

    @Autowired
    MultiplayerApi multiplayer;

    @Autowired
    RelayServers relays;

    @BeforeEach
    void installed() {
        Godot.assumeInstalled();
    }

    @Test
    void godotClientsPlayTheSameGameWithTheJavaServerAsWithTheEngines() throws Exception {
        Map<String, List<String>> java = runClients("ws://127.0.0.1:" + this.port + "/mp");

        Map<String, List<String>> engine;
        List<String> engineServer;
        int enginePort = freePort();
        try (PeerProcess server = Godot.start("mp-api-server", "mp_api_server.gd", Map.of("MP_PORT",
                String.valueOf(enginePort), "MP_PLAYERS", String.valueOf(NAMES.size()), "MP_TIMEOUT", "50"))) {
            server.awaitLine("READY"::equals, Duration.ofSeconds(30));
            engine = runClients("ws://127.0.0.1:" + enginePort + "/");
            engineServer = server.lines()
                .stream()
                .filter((line) -> line.startsWith("LOG server "))
                .map((line) -> line.substring(11))
                .sorted()
                .toList();
        }

        for (String name : NAMES) {
            List<String> expected = List.of("connected", "welcome True " + name + ":7 from 1", "start go from 1",
                    "hp 42", "bytes from 1 echo:raw:" + name, "bye from 1");
            assertThat(java.get(name)).as("what %s printed with the Java server", name)
                .containsExactlyElementsOf(expected);
            assertThat(engine.get(name)).as("what %s printed with the engine's server", name)
                .containsExactlyElementsOf(expected);
        }
        // What each server's node saw: both registrations with their Variant arguments,
        // and its own
        // remotesync call (the sender is the server itself); never the puppet function.
        List<String> javaServer = this.game.log.stream().sorted().toList();
        assertThat(javaServer).containsExactly("register A 7 (1.5, -2)", "register B 7 (1.5, -2)", "start go from 1");
        assertThat(engineServer).isEqualTo(javaServer);
        assertThat(this.game.secretCalls).hasValue(0);
        // Refused, counted, and the clients stayed connected (each got "bye" afterwards).
        assertThat(this.multiplayer.getDroppedCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of(MultiplayerApi.DROP_FORBIDDEN, 2L, MultiplayerApi.DROP_ARGUMENT_COUNT, 2L));
        assertThat(this.multiplayer.getCallCount()).isEqualTo(8); // register, hp, report,
                                                                  // finish; twice
    }

    private Map<String, List<String>> runClients(String url) throws Exception {
        Map<String, List<String>> logs = new LinkedHashMap<>();
        List<PeerProcess> clients = new ArrayList<>();
        try {
            for (String name : NAMES) {
                clients.add(Godot.start("mp-api-" + name, "mp_api_client.gd",
                        Map.of("MP_URL", url, "MP_NAME", name, "MP_TIMEOUT", "45")));
            }
            for (int i = 0; i < NAMES.size(); i++) {
                String prefix = "RESULT " + NAMES.get(i) + " ";
                clients.get(i)
                    .awaitLine((line) -> line.startsWith(prefix + "bye") || line.startsWith(prefix + "timeout"), RUN);
                clients.get(i).assertExits(Duration.ofSeconds(20));
                logs.put(NAMES.get(i),
                        clients.get(i)
                            .lines()
                            .stream()
                            .filter((line) -> line.startsWith(prefix))
                            .map((line) -> line.substring(prefix.length()))
                            .toList());
            }
        }
        finally {
            clients.forEach(PeerProcess::close);
        }
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.relays.get("/mp") == null || this.relays.get("/mp").getPeerCount() == 0);
        return logs;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
