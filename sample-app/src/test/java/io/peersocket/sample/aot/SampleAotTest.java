package io.peersocket.sample.aot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.peersocket.peer.Packet;
import io.peersocket.sample.SampleApplication;
import io.peersocket.testkit.PeerSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application after Spring's ahead-of-time processing, as a native image would
 * run it but on the JVM: {@code -Dspring.aot.enabled=true} makes Boot start from the
 * generated bean definitions instead of scanning, and fail when they are missing. Checks
 * the reflection hints that process-aot wrote for the handlers and their JSON types, then
 * talks to the echo and chat endpoints of the AOT-started application over real sockets.
 * <p>
 * Needs the generated code: runs with the Maven profile {@code aot}
 * ({@code ./mvnw -pl sample-app -am test -Paot -Dtest=SampleAotTest -Dsurefire.failIfNoSpecifiedTests=false}),
 * which runs process-aot before the tests; skipped with a message otherwise.
 */
class SampleAotTest {

    private static final Pattern WS_PORT = Pattern.compile("peersocket listening on \\S*:(\\d+)");

    private static final Pattern WEB_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * GraalVM's reachability metadata, as Spring Framework 7 writes it for this module.
     */
    private static final String METADATA = "META-INF/native-image/io.peersocket/peersocket-sample-app/"
            + "reachability-metadata.json";

    private Process process;

    // Per test, so that each one is reported as skipped with the message (a class-level
    // abort reports none).
    @BeforeEach
    void generatedCodeIsThere() {
        if (!Boolean.getBoolean("peersocket.aot")) {
            String message = "SampleAotTest skipped: it needs the code that process-aot generates; run it with -Paot";
            System.err.println(message); // also in the build log, where a skipped count
                                         // alone says nothing
            Assumptions.abort(message);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (this.process != null && this.process.isAlive()) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void processAotWroteTheHintsOfTheHandlersAndTheirJsonTypes() throws IOException {
        String metadata;
        try (InputStream in = SampleAotTest.class.getClassLoader().getResourceAsStream(METADATA)) {
            assertThat(in).as("process-aot wrote %s", METADATA).isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The seed's echo handler method, the chat's method, its JSON command and event
        // records.
        assertThat(metadata).contains("\"io.peersocket.sample.EchoHandler\"", "\"onData\"",
                "\"io.peersocket.sample.chat.ChatHandler\"", "\"received\"",
                "\"io.peersocket.sample.chat.ChatCommand\"", "\"io.peersocket.sample.chat.ChatEvent\"");
    }

    @Test
    void theAotStartedSampleEchoesAndChats() throws Exception {
        Path log = Path.of("target", "sample-app-aot.log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.process = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-cp",
                System.getProperty("java.class.path"), SampleApplication.class.getName(), "--server.port=0",
                "--peersocket.server.port=0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        await().atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> !this.process.isAlive() || (port(log) > 0 && port(log, WEB_PORT) > 0));
        assertThat(this.process.isAlive()).as("the application started; its log: %s", log.toAbsolutePath()).isTrue();
        assertThat(Files.readString(log)).as("Boot's own word that it runs the generated code")
            .contains("Starting AOT-processed SampleApplication");
        String url = "ws://127.0.0.1:" + port(log);

        try (PeerSocketTestClient echo = PeerSocketTestClient.connect(URI.create(url + "/echo"))) {
            echo.send("hello aot");
            echo.send(new byte[] { 1, 2, 3 });
            Packet text = echo.awaitPacket(WAIT);
            Packet binary = echo.awaitPacket(WAIT);
            assertThat(text.string()).isTrue();
            assertThat(text.text()).isEqualTo("hello aot");
            assertThat(binary.string()).isFalse();
            assertThat(binary.data()).containsExactly(1, 2, 3);
        }
        // JSON both ways: a ChatEvent result on connect, a ChatCommand parameter, a
        // ChatEvent answer.
        // The chat needs a player's token: the sample's security runs from the generated
        // code too.
        String token = token(port(log, WEB_PORT));
        try (PeerSocketTestClient chat = PeerSocketTestClient.builder()
            .header("Authorization", "Bearer " + token)
            .connect(URI.create(url + "/chat"))) {
            assertThat(chat.awaitPacket(WAIT).text()).contains("\"type\":\"hello\"");
            chat.send("{\"type\":\"join\",\"name\":\"Ada\"}");
            assertThat(chat.awaitPacket(WAIT).text()).contains("\"type\":\"welcome\"", "\"users\":[\"Ada\"]");
            chat.close(1000, "bye");
            assertThat(chat.awaitClose(WAIT).code()).isEqualTo(1000);
        }
    }

    private static int port(Path log) throws IOException {
        return port(log, WS_PORT);
    }

    private static int port(Path log, Pattern line) throws IOException {
        Matcher matcher = line.matcher(Files.readString(log));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static String token(int webPort) throws Exception {
        String player = Base64.getEncoder().encodeToString("player:player-dev".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/token"))
                .header("Authorization", "Basic " + player)
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /token").isEqualTo(200);
        return response.body();
    }

}
