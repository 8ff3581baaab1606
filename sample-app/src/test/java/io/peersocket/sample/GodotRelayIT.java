package io.peersocket.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.peersocket.server.LocalPeerSocketPort;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Godot 3.2.3 headless clients (docs/multiplayer.md's GDScript, {@code gd_mp_api = true})
 * join the sample's relay at {@code /mp}: each gets its id, sees the other, gets
 * {@code pong-server:hello} from the Spring application (peer 1) and the other's broadcast; the
 * application logs what it received.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "server.port=0", "peersocket.server.port=0", "logging.level.io.peersocket.sample=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class GodotRelayIT {

    private static final Duration GODOT_RUN = Duration.ofSeconds(20);

    private static Path godot;

    @LocalPeerSocketPort
    private int port;

    @TempDir
    private Path directory;

    @BeforeAll
    static void requireGodot() {
        godot = ExternalPeer.require(ExternalPeer.GODOT, "godot3-server");
    }

    @Test
    void twoGodotClientsMeetThroughTheRelayAndPeerOneAnswersEach(CapturedOutput output) throws Exception {
        String url = "ws://127.0.0.1:" + this.port + "/mp";
        try (ExternalPeer first = ExternalPeer.startGodot(godot, "relay_client.gd",
                Map.of("PEERSOCKET_URL", url, "PEERSOCKET_WAIT_GREETING", "1"),
                Files.createDirectory(this.directory.resolve("a")))) {
            first.awaitLine("From 1: pong-server:hello"::equals, GODOT_RUN, "the application's answer");
            try (ExternalPeer second = ExternalPeer.startGodot(godot, "relay_client.gd", Map.of("PEERSOCKET_URL", url),
                    Files.createDirectory(this.directory.resolve("b")))) {
                second.await(GODOT_RUN);
                first.await(GODOT_RUN);
                int firstId = idOf(first.printed());
                int secondId = idOf(second.printed());
                assertThat(firstId).isNotEqualTo(secondId).isBetween(2, Integer.MAX_VALUE);
                assertThat(first.printed()).as(first::describe).containsExactly("Peer 1 is here", "My id is " + firstId,
                        "From 1: pong-server:hello", "Peer " + secondId + " is here", "From " + secondId + ": hi all");
                // The first client quits once it has the greeting; its leave (relayed on the I/O
                // thread) may reach the second before or after the pong (sent by the application's
                // handler thread), so that one line is checked apart from the others' order.
                List<String> secondPrinted = second.printed();
                String firstLeft = "Peer " + firstId + " left";
                assertThat(secondPrinted.stream().filter((line) -> !line.equals(firstLeft)).toList())
                    .as(second::describe)
                    .containsExactly("Peer 1 is here", "My id is " + secondId, "Peer " + firstId + " is here",
                            "From 1: pong-server:hello");
                if (secondPrinted.contains(firstLeft)) {
                    assertThat(secondPrinted.indexOf(firstLeft)).as(second::describe)
                        .isGreaterThan(secondPrinted.indexOf("Peer " + firstId + " is here"));
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                    .contains("Got packet from peer " + firstId + " to 1: \"ping-server:hello\"")
                    .contains("Got packet from peer " + secondId + " to 0: \"hi all\"")
                    .contains("Peer " + secondId + " left the relay"));
            }
        }
    }

    private static int idOf(List<String> printed) {
        return printed.stream()
            .filter((line) -> line.startsWith("My id is "))
            .mapToInt((line) -> Integer.parseInt(line.substring("My id is ".length())))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no id in " + printed));
    }

}
