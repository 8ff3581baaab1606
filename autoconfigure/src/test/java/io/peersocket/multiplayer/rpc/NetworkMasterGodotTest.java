package io.peersocket.multiplayer.rpc;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.Godot;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code set_network_master} with a real Godot 3.2.3 client
 * ({@code godot/mp_master_client.gd}), against the Java {@link RemoteNode} and against
 * the engine's own server running the same node in GDScript
 * ({@code godot/mp_master_server.gd}): while the server is the master, the client's call
 * of a puppet function is refused and of a master function runs; once the node is handed
 * to the client, the reverse. The client prints the same lines and both servers' nodes
 * see the same calls.
 */
@SpringBootTest(classes = NetworkMasterGodotTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.multiplayer.path=/mp" })
class NetworkMasterGodotTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    Arena arena;

    @Autowired
    MultiplayerApi multiplayer;

    @BeforeEach
    void installed() {
        Godot.assumeInstalled();
    }

    @Test
    void theClientMadeMasterMayCallPuppetFunctionsAndNoLongerMasterOnesAsWithTheEngine() throws Exception {
        List<String> java = runClient("ws://127.0.0.1:" + this.port + "/mp");
        List<String> engineServer;
        List<String> engine;
        int enginePort = freePort();
        try (PeerProcess server = Godot.start("mp-master-server", "mp_master_server.gd",
                Map.of("MP_PORT", String.valueOf(enginePort), "MP_TIMEOUT", "50"))) {
            server.awaitLine("READY"::equals, Duration.ofSeconds(30));
            engine = runClient("ws://127.0.0.1:" + enginePort + "/");
            engineServer = server.lines()
                .stream()
                .filter((line) -> line.startsWith("LOG server "))
                .map((line) -> line.substring(11))
                .toList();
        }
        List<String> expected = List.of("connected", "granted server-is-master False", "bye");
        assertThat(java).as("what the client printed with the Java server").containsExactlyElementsOf(expected);
        assertThat(engine).as("what the client printed with the engine's server").containsExactlyElementsOf(expected);
        assertThat(this.arena.log).containsExactly("admin before", "claim master is sender True", "steer after");
        assertThat(engineServer).isEqualTo(this.arena.log);
        assertThat(this.multiplayer.getDroppedCounts()).isEqualTo(Map.of(MultiplayerApi.DROP_FORBIDDEN, 2L));
    }

    private static List<String> runClient(String url) throws Exception {
        try (PeerProcess client = Godot.start("mp-master-client", "mp_master_client.gd",
                Map.of("MP_URL", url, "MP_TIMEOUT", "45"))) {
            client.awaitLine((line) -> line.startsWith("RESULT bye") || line.startsWith("RESULT timeout"),
                    Duration.ofSeconds(60));
            client.assertExits(Duration.ofSeconds(20));
            return client.lines()
                .stream()
                .filter((line) -> line.startsWith("RESULT "))
                .map((line) -> line.substring(7))
                .toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Arena.class)
    static class App {

    }

    /** Node /root/Arena as mp_master_server.gd serves it on the engine. */
    @RemoteNode(path = "/root/Arena")
    static class Arena {

        final List<String> log = new CopyOnWriteArrayList<>();

        private final MultiplayerApi multiplayer;

        Arena(MultiplayerApi multiplayer) {
            this.multiplayer = multiplayer;
        }

        @Remote(RpcMode.PUPPET)
        void steer(String word) {
            this.log.add("steer " + word);
        }

        @Remote(RpcMode.MASTER)
        void admin(String word) {
            this.log.add("admin " + word);
        }

        @Remote
        void claim(@RpcSenderId int id) {
            this.multiplayer.setNetworkMaster("/root/Arena", id);
            this.log.add("claim master is sender "
                    + ((this.multiplayer.getNetworkMaster("Arena") == id) ? "True" : "False"));
            this.multiplayer.rpcId(id, "/root/Arena", "granted", this.multiplayer.isNetworkMaster("/root/Arena"));
        }

        @Remote
        void done(@RpcSenderId int id) {
            this.multiplayer.rpcId(id, "/root/Arena", "bye");
        }

    }

}
