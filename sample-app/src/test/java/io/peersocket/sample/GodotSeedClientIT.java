package io.peersocket.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Godot 3.2.3 headless runs the seed's "Minimal client example"
 * (src/test/resources/godot) against the running sample: its mirror on "/"
 * ({@code lws-mirror-protocol}) and its echo on "/echo" (the seed's "Minimal server
 * example"). Each assertion is on exactly what the engine printed, in order.
 */
// The sample's handlers log what clients trigger at DEBUG.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "server.port=0", "peersocket.server.port=0", "logging.level.io.peersocket.sample=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class GodotSeedClientIT {

    /**
     * The scripts' own watchdog quits after 30 s (a loaded machine may be slow, never
     * stuck: the exchanges take well under a second); this bounds the process if even
     * that fails.
     */
    static final Duration GODOT_RUN = Duration.ofSeconds(60);

    private static final Pattern ECHO_HANDLER_LINE = Pattern.compile("EchoHandler\\s+: (.*)$");

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
    void seedClientOnTheMirrorGetsEveryPacketBackWholeInItsMode() {
        String bigPacketDigest = sha256(HexFormat.of().formatHex(bigPacket()));
        try (ExternalPeer run = ExternalPeer.startGodot(godot, "mirror_client.gd",
                Map.of("PEERSOCKET_URL", "ws://127.0.0.1:" + this.port + "/"), this.directory)) {
            run.await(GODOT_RUN);
            assertThat(run.printed()).as(run::describe)
                .containsExactly(
                        // the seed's two lines; "Test packet".to_utf8() goes in a binary
                        // frame (the default mode)
                        "Connected with protocol: lws-mirror-protocol", "Got data from server: Test packet",
                        "was_string_packet: False",
                        // WRITE_MODE_BINARY, bytes that are not UTF-8
                        "Got binary: 00fffe0180c328, was_string_packet: False",
                        // WRITE_MODE_TEXT
                        "Got text: Text packet: d\u00e9j\u00e0 vu \u20ac, was_string_packet: True",
                        // 60000 bytes fit the engine's default 64 KiB buffers both ways
                        "Sending 60000 bytes, sha256 of hex: " + bigPacketDigest,
                        "Got 60000 bytes, sha256 of hex: " + bigPacketDigest
                                + ", equal: True, was_string_packet: False",
                        // Godot 3.2.3 reports an unclean close on the side that starts
                        // the close even
                        // when the server answered it (REFERENCE.md): a defect of the
                        // engine
                        "Closed, clean: False");
            assertThat(run.exitCode()).as(run::describe).isZero();
        }
    }

    @Test
    void cleanCloseFromGodotReachesTheSeedServerWithItsCodeAndReason(CapturedOutput output) {
        try (ExternalPeer run = ExternalPeer.startGodot(godot, "echo_close_client.gd",
                Map.of("PEERSOCKET_URL", "ws://127.0.0.1:" + this.port + "/echo"), this.directory)) {
            run.await(GODOT_RUN);
            assertThat(run.printed()).as(run::describe)
                .containsExactly("Connected with protocol: ", "Got data from server: Test packet",
                        "Disconnecting with code: 4000, reason: bye", "Closed, clean: False");
            assertThat(run.exitCode()).as(run::describe).isZero();
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> echoHandlerLines(output).stream().anyMatch((line) -> line.contains(" disconnected, clean: ")));
        List<String> logged = echoHandlerLines(output);
        assertThat(logged).as("EchoHandler's log").isNotEmpty();
        String id = logged.get(0).replaceFirst("^Client (\\d+) .*$", "$1");
        // Godot 3.2.3 sends the reason with a trailing NUL (03e8... "bye" 00): the server
        // drops it
        assertThat(logged).as("EchoHandler's log")
            .containsExactly("Client " + id + " connected with protocol: \"\"",
                    "Got data from client " + id + ": \"Test packet\" ... echoing",
                    "Client " + id + " disconnecting with code: 4000, reason: \"bye\"",
                    "Client " + id + " disconnected, clean: true");
    }

    private static List<String> echoHandlerLines(CapturedOutput output) {
        return output.getOut()
            .lines()
            .map(ECHO_HANDLER_LINE::matcher)
            .filter(Matcher::find)
            .map((matcher) -> matcher.group(1))
            .toList();
    }

    /** The packet mirror_client.gd sends: byte i is (i * 31 + 7) % 256. */
    private static byte[] bigPacket() {
        byte[] packet = new byte[60000];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) ((i * 31 + 7) % 256);
        }
        return packet;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
