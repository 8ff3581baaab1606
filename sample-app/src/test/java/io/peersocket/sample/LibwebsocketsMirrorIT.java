package io.peersocket.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.peersocket.server.LocalPeerSocketPort;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * libwebsockets' own test client (4.1.6, Debian package
 * {@code libwebsockets-test-server}) against the sample's {@code lws-mirror-protocol}
 * endpoint, alone and beside a Godot 3.2.3 client.
 * <p>
 * The test client draws random circles on its mirror connection: text messages
 * {@code "c #RRGGBB x y r;"} of 16 to 21 bytes, one each time the socket is writable. It
 * prints nothing of what it receives; with {@code -d} including debug (16) it logs each
 * received message as {@code starting disbursal of <n> deframed rx} (a whole message, up
 * to its 4096-byte receive buffer) and, with info (8), each frame it writes as
 * {@code ssl_capable_write (<n>) says <n>}. Those lines (all on standard error) are what
 * these tests read. Its {@code --echo} mode cannot be used: it sends random bytes in text
 * frames, which any RFC 6455 server closes with 1007.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "server.port=0", "peersocket.server.port=0" })
class LibwebsocketsMirrorIT {

    /**
     * Bounds each wait on a real peer: generous, since a loaded 2-core machine boots them
     * slowly.
     */
    private static final Duration STEP = Duration.ofSeconds(30);

    /** Log level bitfield: errors, warnings, notices (the default 7) plus debug (16). */
    private static final String NOTICE_AND_DEBUG = "23";

    /** Log level bitfield: errors, warnings, notices, info (8) and debug (16). */
    private static final String NOTICE_INFO_AND_DEBUG = "31";

    private static final Pattern RECEIVED = Pattern
        .compile("lws_ws_client_rx_sm: starting disbursal of (\\d+) deframed rx$");

    /** A circle's frame from client to server: payload plus 2 header and 4 mask bytes. */
    private static final Pattern SENT = Pattern.compile("lws_issue_raw: ssl_capable_write \\((2[2-7])\\) says \\1$");

    private static final Pattern CIRCLE = Pattern.compile("c #[0-9A-F]{6} \\d{1,3} \\d{1,3} \\d{1,2};");

    /**
     * What Godot sends the test client: longer than any circle, so that its length
     * identifies it.
     */
    private static final String GODOT_MESSAGE = "Hello libwebsockets, this is Godot 3.2.3 speaking through the Spring mirror";

    private static Path lwsClient;

    @LocalPeerSocketPort
    private int port;

    @TempDir
    private Path directory;

    @BeforeAll
    static void requireLibwebsockets() {
        lwsClient = ExternalPeer.require(ExternalPeer.LWS_CLIENT, "libwebsockets-test-server");
    }

    /**
     * Without {@code -j} the test client opens two connections:
     * {@code dumb-increment-protocol}, which "/" does not offer, so the upgrade is
     * refused with an HTTP error (never a half-open socket), and
     * {@code lws-mirror-protocol}, whose circles come back whole and in order.
     */
    @Test
    void testClientIsMirroredAndItsUnofferedProtocolRefused() {
        try (ExternalPeer client = ExternalPeer.start(
                List.of(lwsClient.toString(), "127.0.0.1", "--port=" + this.port, "-d", NOTICE_INFO_AND_DEBUG),
                Map.of(), this.directory)) {
            client.awaitLine((line) -> line.endsWith("CLIENT_CONNECTION_ERROR: dumb: HS: ws upgrade response not 101"),
                    STEP, "refusal of dumb-increment-protocol");
            AtomicInteger mirrored = new AtomicInteger();
            client.awaitLine((line) -> RECEIVED.matcher(line).find() && mirrored.incrementAndGet() == 500, STEP,
                    "500th message back from the mirror");
            client.interrupt(STEP);
            assertThat(client.exitCode()).as(client::describe).isZero();
            List<String> output = client.stderr();
            List<String> notices = notices(output);
            assertThat(notices).as(client::describe)
                .containsSubsequence("N: mirror: connecting", "N: mirror: LWS_CALLBACK_CLIENT_ESTABLISHED")
                .containsSubsequence("N: dumb: connecting", "N: lws_http_client_http_response 400",
                        "W: lws_client_handshake: got bad HTTP response '400'",
                        "E: CLIENT_CONNECTION_ERROR: dumb: HS: ws upgrade response not 101");
            // SIGINT: the client leaves its loop, then closes the mirror connection
            assertThat(notices).as(client::describe).contains("E: Exiting");
            assertThat(notices.subList(notices.indexOf("E: Exiting"), notices.size())).as(client::describe)
                .anyMatch((line) -> line
                    .matches("N: mirror: LWS_CALLBACK_CLOSED mirror_lifetime=\\d+, rxb 0, rx_count 0"));
            List<Integer> sent = matches(output, SENT).stream().map((frame) -> frame - 6).toList();
            List<Integer> received = matches(output, RECEIVED);
            // the mirror gives a lone client each of its messages back, whole, in order;
            // the ones still
            // in flight when the client stopped are missing from the end
            assertThat(received).as(client::describe).isNotEmpty().allMatch((length) -> length >= 16 && length <= 21);
            assertThat(sent).as(client::describe).hasSizeGreaterThanOrEqualTo(received.size());
            assertThat(sent.subList(0, received.size())).as("lengths of the messages sent, then received")
                .isEqualTo(received);
        }
    }

    /**
     * Two real clients of the mirror at once, neither written here: the test client
     * ({@code -j}: mirror connection only) draws circles; Godot prints the first circle
     * it gets, then sends its own text packet, which comes back to Godot and reaches the
     * test client.
     */
    @Test
    void twoClientsOfTheMirrorEachReceiveWhatTheOtherSent() throws Exception {
        Path godot = ExternalPeer.require(ExternalPeer.GODOT, "godot3-server");
        Path lwsDirectory = Files.createDirectory(this.directory.resolve("lws"));
        Path godotDirectory = Files.createDirectory(this.directory.resolve("godot"));
        try (ExternalPeer client = ExternalPeer.start(
                List.of(lwsClient.toString(), "127.0.0.1", "--port=" + this.port, "-j", "-d", NOTICE_AND_DEBUG),
                Map.of(), lwsDirectory)) {
            client.awaitLine((line) -> line.endsWith("N: mirror: LWS_CALLBACK_CLIENT_ESTABLISHED"), STEP,
                    "mirror connection");
            try (ExternalPeer run = ExternalPeer.startGodot(godot, "mirror_peer_client.gd",
                    Map.of("PEERSOCKET_URL", "ws://127.0.0.1:" + this.port + "/", "PEERSOCKET_MESSAGE", GODOT_MESSAGE),
                    godotDirectory)) {
                run.await(GodotSeedClientIT.GODOT_RUN);
                List<String> printed = run.printed();
                assertThat(printed).as(run::describe).hasSize(4);
                assertThat(printed.get(0)).as(run::describe).isEqualTo("Connected with protocol: lws-mirror-protocol");
                assertThat(printed.get(1)).as(run::describe)
                    .matches("Got data from other client: " + CIRCLE.pattern() + ", was_string_packet: True");
                assertThat(printed.get(2)).as(run::describe)
                    .isEqualTo("Got own packet back: " + GODOT_MESSAGE + ", was_string_packet: True");
                // Godot 3.2.3 reports an unclean close on the side that starts it
                // (REFERENCE.md)
                assertThat(printed.get(3)).as(run::describe).isEqualTo("Closed, clean: False");
                assertThat(run.exitCode()).as(run::describe).isZero();
            }
            client.awaitLine(
                    (line) -> line.endsWith("starting disbursal of " + GODOT_MESSAGE.length() + " deframed rx"), STEP,
                    "Godot's message");
            client.interrupt(STEP);
            List<Integer> received = matches(client.stderr(), RECEIVED);
            // everything the test client got is one of its circles, or Godot's message,
            // once
            assertThat(received).as(client::describe)
                .filteredOn((length) -> length < 16 || length > 21)
                .containsExactly(GODOT_MESSAGE.length());
            assertThat(received).as(client::describe).filteredOn((length) -> length <= 21).isNotEmpty();
        }
    }

    /** The test client's notices, warnings and errors, without their time stamps. */
    private static List<String> notices(List<String> output) {
        return output.stream()
            .map((line) -> line.replaceFirst("^\\[[^]]*\\] ", ""))
            .filter((line) -> line.startsWith("N: ") || line.startsWith("W: ") || line.startsWith("E: "))
            .toList();
    }

    private static List<Integer> matches(List<String> output, Pattern pattern) {
        return output.stream()
            .map(pattern::matcher)
            .filter(Matcher::find)
            .map((matcher) -> Integer.parseInt(matcher.group(1)))
            .toList();
    }

}
