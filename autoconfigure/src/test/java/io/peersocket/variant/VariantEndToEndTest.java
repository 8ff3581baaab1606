package io.peersocket.variant;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketExceptionHandler;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.annotation.VariantPayload;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.PeerSocketClientBuilder;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.VariantResult;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.Godot;
import io.peersocket.test.PeerProcess;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * put_var / get_var between Java and Godot 3.2.3 over real sockets, both ways: a Godot
 * client against a Java {@code @PacketHandler} that reads a {@code @VariantPayload Map}
 * and answers with {@code putVar}, and the Java client's peer 1 against a Godot server.
 * Each side checks what it received against its own copy of a Dictionary holding every
 * Variant type but Object (objects are covered byte for byte by VariantGodotTest). Over
 * the relay, two Godot clients exchange Variants with each other and with peer 1, a
 * {@code @PeerPacket} handler.
 */
@SpringBootTest(classes = VariantEndToEndTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class VariantEndToEndTest {

    static final Duration RUN = Duration.ofSeconds(60);

    @LocalPeerSocketPort
    int port;

    @Autowired
    Checker checker;

    @Autowired
    RelayChecker relayChecker;

    @BeforeEach
    void godot() {
        Godot.assumeInstalled();
    }

    /** Every value of variant_client.gd / variant_server.gd, in their order. */
    static Map<String, Object> everything() {
        Map<String, Object> values = new LinkedHashMap<>();
        VariantGodotTest.expectedValues().forEach((name, value) -> {
            if (!name.equals("object_full")) {
                values.put(name, VariantGodotTest.unwrap(name, value));
            }
        });
        return values;
    }

    static Map<String, Object> answer(String verdict) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("verdict", verdict);
        answer.put("echo", everything());
        return answer;
    }

    @Test
    void aGodotClientPutsEveryTypeAndGetsTheJavaAnswer() throws Exception {
        try (PeerProcess godot = Godot.start("variant-client", "variant_client.gd",
                Map.of("VAR_URL", "ws://127.0.0.1:" + this.port + "/var", "VAR_TIMEOUT", "50"))) {
            String verdict = godot.awaitLine((l) -> l.startsWith("VERDICT "), RUN);
            assertThat(verdict).as(String.join("\n", godot.lines())).isEqualTo("VERDICT java=equal godot=equal");
            // The packet that is no Variant was answered with the error, and the peer
            // stayed up.
            assertThat(godot.lines()).anyMatch((l) -> l.startsWith("ANSWER invalid: Unknown Variant type id 255"));
            godot.awaitLine((l) -> l.startsWith("CLOSED "), RUN);
        }
        assertThat(this.checker.verdicts).containsExactly("equal");
        assertThat(this.checker.errors).singleElement().asString().contains("Unknown Variant type id 255");
    }

    @Test
    void theJavaClientPutsEveryTypeToAGodotServerAndGetsItsAnswer() throws Exception {
        int godotPort = freePort();
        PeerSocketClient client = PeerSocketClientBuilder.create().name("godot-variant").build();
        try (PeerProcess godot = Godot.start("variant-server", "variant_server.gd",
                Map.of("VAR_PORT", String.valueOf(godotPort), "VAR_TIMEOUT", "50"))) {
            godot.awaitLine("LISTENING"::equals, RUN);
            assertThat(client.connectToUrl("ws://127.0.0.1:" + godotPort + "/")).isEqualTo(PeerError.OK);
            await().atMost(RUN).until(() -> client.getPeer(1).isConnectedToHost());
            Peer server = client.getPeer(1);
            assertThat(server.putVar(everything())).isEqualTo(PeerError.OK);
            assertThat(godot.awaitLine((l) -> l.startsWith("GOT "), RUN)).isEqualTo("GOT equal");
            await().atMost(RUN).until(() -> server.getAvailablePacketCount() > 0);
            VariantResult result = server.getVar();
            assertThat(result.error()).isEqualTo(PeerError.OK);
            assertThat(Variants.deepEquals(result.value(), answer("equal"))).as("%s", result.value()).isTrue();
            client.disconnectFromHost(1000, "done");
            godot.assertExits(RUN);
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void twoGodotClientsAndPeerOneExchangeVariantsThroughTheJavaRelay() throws Exception {
        String url = "ws://127.0.0.1:" + this.port + "/vmp";
        try (PeerProcess a = Godot.start("relay-variant-A", "relay_variant.gd",
                Map.of("MP_URL", url, "MP_NAME", "A", "MP_TIMEOUT", "50"));
                PeerProcess b = Godot.start("relay-variant-B", "relay_variant.gd",
                        Map.of("MP_URL", url, "MP_NAME", "B", "MP_TIMEOUT", "50"))) {
            for (PeerProcess client : List.of(a, b)) {
                String result = client.awaitLine((l) -> l.startsWith("RESULT "), RUN);
                assertThat(result).as(String.join("\n", client.lines())).endsWith(" java=equal godot=equal peer=equal");
            }
        }
        assertThat(this.relayChecker.verdicts).containsExactlyInAnyOrder("A equal", "B equal");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Checker.class, RelayChecker.class })
    static class App {

    }

    /**
     * Peer 1 of a relay: reads what a Godot client put_var's to it as a Variant
     * parameter, and answers A by returning a Variant (sent to that client alone) and B
     * with RelayServer.putVar.
     */
    @PacketHandler(path = "/vmp", multiplayer = true)
    static class RelayChecker {

        final List<String> verdicts = new CopyOnWriteArrayList<>();

        @PeerPacket
        @VariantPayload
        @Nullable Map<String, Object> message(int from, @VariantPayload Map<String, Object> message, RelayServer relay) {
            String verdict = Variants.deepEquals(message.get("values"), everything()) ? "equal" : "different";
            this.verdicts.add(message.get("from") + " " + verdict);
            if ("B".equals(message.get("from"))) {
                relay.putVar(from, answer(verdict)); // peer 1's own put_var, to B alone
                return null;
            }
            return answer(verdict); // a Variant result goes back to the source (A)
        }

    }

    /** Checks what a Godot client put_var's and answers with putVar. */
    @PacketHandler(path = "/var")
    static class Checker {

        final List<String> verdicts = new CopyOnWriteArrayList<>();

        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @DataReceived
        void state(Peer peer, @VariantPayload Map<String, Object> state) {
            String verdict = Variants.deepEquals(state, everything()) ? "equal" : "different: " + state;
            this.verdicts.add(verdict);
            peer.putVar(answer(verdict.equals("equal") ? "equal" : "different"));
        }

        @PacketExceptionHandler
        void invalid(Peer peer, VariantDecodingException error) {
            this.errors.add(error);
            peer.putVar("invalid: " + error.getMessage());
        }

    }

}
