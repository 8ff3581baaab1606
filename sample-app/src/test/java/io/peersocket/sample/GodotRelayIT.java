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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.sample.security.SampleTokens;
import io.peersocket.server.LocalPeerSocketPort;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Godot 3.2.3 headless clients (docs/multiplayer.md's GDScript,
 * {@code gd_mp_api = true}) join the sample's relay at {@code /mp}: each gets its id,
 * sees the other, gets {@code pong-server:hello} from the Spring application (peer 1) and
 * the other's broadcast; the application logs what it received.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "server.port=0", "peersocket.server.port=0", "logging.level.io.peersocket.sample=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class GodotRelayIT {

    /**
     * How long the test waits for a Godot client: its boot, under load, is counted in
     * seconds.
     */
    private static final Duration GODOT_RUN = Duration.ofSeconds(60);

    /** Each script's watchdog, a little over {@link #GODOT_RUN}. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(70);

    private static Path godot;

    @LocalPeerSocketPort
    private int port;

    @Autowired
    private SampleTokens tokens;

    @Autowired
    private MeterRegistry meters;

    @TempDir
    private Path directory;

    @BeforeAll
    static void requireGodot() {
        godot = ExternalPeer.require(ExternalPeer.GODOT, "godot3-server");
    }

    @Test
    void twoGodotClientsMeetThroughTheRelayAndPeerOneAnswersEach(CapturedOutput output) throws Exception {
        String url = "ws://127.0.0.1:" + this.port + "/mp";
        // The relay needs a player's token (application.yml): each client sends its own
        // as a header.
        String firstToken = this.tokens.issue("player", "player", Duration.ofMinutes(10));
        String secondToken = this.tokens.issue("player", "player", Duration.ofMinutes(10));
        // Each script's own watchdog: longer than the whole test may take on a loaded
        // machine, so
        // that the test's bounds (GODOT_RUN) decide, with the scripts' output kept.
        String watchdog = Long.toString(SCRIPT_TIMEOUT.toSeconds());
        try (ExternalPeer first = ExternalPeer.startGodot(
                godot, "relay_client.gd", Map.of("PEERSOCKET_URL", url, "PEERSOCKET_TOKEN", firstToken,
                        "PEERSOCKET_WAIT_GREETING", "1", "PEERSOCKET_TIMEOUT", watchdog),
                Files.createDirectory(this.directory.resolve("a")))) {
            first.awaitLine("From 1: pong-server:hello"::equals, GODOT_RUN, "the application's answer");
            try (ExternalPeer second = ExternalPeer.startGodot(godot, "relay_client.gd",
                    Map.of("PEERSOCKET_URL", url, "PEERSOCKET_TOKEN", secondToken, "PEERSOCKET_TIMEOUT", watchdog),
                    Files.createDirectory(this.directory.resolve("b")))) {
                second.await(GODOT_RUN);
                first.await(GODOT_RUN);
                int firstId = idOf(first.printed());
                int secondId = idOf(second.printed());
                assertThat(firstId).isNotEqualTo(secondId).isBetween(2, Integer.MAX_VALUE);
                // Godot 3.2.3 prints what a poll() brought in two passes: the signals
                // (peer_connected,
                // peer_disconnected, connection_succeeded) while poll() runs, the packets
                // after it. A
                // signal that precedes a packet on the wire is printed before it; a
                // packet that precedes
                // a signal may be printed after it. So each client's lines are checked in
                // the order the
                // wire guarantees, and a leave, which may come in the same poll as the
                // leaver's last
                // packet or not at all (the client quits once it is done), only for
                // coming after the
                // leaver's arrival. The relay's own wire order (a leaver's last packet
                // before its
                // SYS_DEL) is proved frame by frame in the autoconfigure module's
                // RelayBehaviourTests.
                assertPrinted(first, "Peer " + secondId + " left", "Peer " + secondId + " is here", "Peer 1 is here",
                        "My id is " + firstId, "From 1: pong-server:hello", "Peer " + secondId + " is here",
                        "From " + secondId + ": hi all");
                // The first client quits once it has the greeting; its leave (relayed on
                // the I/O
                // thread) may reach the second before or after the pong (sent by the
                // application's
                // handler thread), or not before the second quits.
                assertPrinted(second, "Peer " + firstId + " left", "Peer " + firstId + " is here", "Peer 1 is here",
                        "My id is " + secondId, "Peer " + firstId + " is here", "From 1: pong-server:hello");
                await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(output.getOut())
                        .contains("Got packet from peer " + firstId + " to 1: \"ping-server:hello\"")
                        .contains("Got packet from peer " + secondId + " to 0: \"hi all\"")
                        .contains("Peer " + secondId + " left the relay"));
            }
        }
    }

    @Test
    void aGodotClientWithoutATokenIsRefusedBeforeTheUpgrade() throws Exception {
        double before = refused();
        try (ExternalPeer client = ExternalPeer.startGodot(godot, "relay_client.gd",
                Map.of("PEERSOCKET_URL", "ws://127.0.0.1:" + this.port + "/mp", "PEERSOCKET_TIMEOUT",
                        Long.toString(SCRIPT_TIMEOUT.toSeconds())),
                Files.createDirectory(this.directory.resolve("anonymous")))) {
            client.await(GODOT_RUN);
            // Godot reports the refused upgrade as a failed connection: no id, no peers.
            assertThat(client.printed()).as(client::describe).containsExactly("Disconnected");
        }
        assertThat(refused()).isEqualTo(before + 1);
    }

    private double refused() {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", "/mp", "reason", "unauthenticated")
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    /**
     * Checks a client's lines: exactly {@code expected} in that order once {@code leave}
     * is set aside, and {@code leave}, if printed at all, after {@code arrival}.
     */
    private static void assertPrinted(ExternalPeer client, String leave, String arrival, String... expected) {
        List<String> printed = client.printed();
        assertThat(printed.stream().filter((line) -> !line.equals(leave)).toList()).as(client::describe)
            .containsExactly(expected);
        if (printed.contains(leave)) {
            assertThat(printed.indexOf(leave)).as(client::describe).isGreaterThan(printed.indexOf(arrival));
            assertThat(printed).as(client::describe).containsOnlyOnce(leave);
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
