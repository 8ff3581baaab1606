package io.peersocket.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.peersocket.sample.SampleApplication;
import io.peersocket.sample.security.SampleTokens;
import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample logs what clients trigger at DEBUG only, with their text escaped: a CR/LF in
 * a message forges no log line, and an echo flood at the default level writes nothing.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "logging.level.io.peersocket.sample=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class SampleLogTest {

    private static final String SAMPLE = "io.peersocket.sample";

    @LocalPeerSocketPort
    int port;

    @Autowired
    SampleTokens tokens;

    @AfterEach
    void debugAgain() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(SAMPLE, LogLevel.DEBUG);
    }

    @Test
    void aCrLfInAnEchoedMessageForgesNoLogLine(CapturedOutput output) throws Exception {
        try (Echo echo = Echo.open(this.port)) {
            assertThat(echo.roundTrip("hi\r\nFORGED ERROR fake line")).isEqualTo("hi\r\nFORGED ERROR fake line");
        }
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(output.getOut()).contains(": \"hi<EOL><EOL>FORGED ERROR fake line\" ... echoing"));
        assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("FORGED"));
    }

    @Test
    void aCrLfInAChatNameForgesNoLogLine(CapturedOutput output) {
        try (ChatClient mallory = ChatClient.join(this.port,
                this.tokens.issue("player", "player", Duration.ofMinutes(10)), "Mallory\nFORGED joined")) {
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(output.getOut()).contains("\"Mallory<EOL>FORGED joined\" joined the chat"));
        }
        assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("FORGED"));
    }

    @Test
    void anEchoFloodAtTheDefaultLevelWritesNothing(CapturedOutput output) throws Exception {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(SAMPLE, LogLevel.INFO);
        int before = output.getOut().length();
        try (Echo echo = Echo.open(this.port)) {
            for (int i = 0; i < 200; i++) {
                assertThat(echo.roundTrip("flood " + i)).isEqualTo("flood " + i);
            }
        }
        assertThat(output.getOut().substring(before)).doesNotContain("flood").doesNotContain("EchoHandler");
    }

    /** A JDK WebSocket on the sample's /echo that waits for each echo. */
    static final class Echo implements WebSocket.Listener, AutoCloseable {

        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

        private final StringBuilder partial = new StringBuilder();

        private WebSocket socket;

        static Echo open(int port) {
            Echo echo = new Echo();
            echo.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), echo)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
            return echo;
        }

        String roundTrip(String text) throws InterruptedException {
            this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
            return this.received.poll(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                this.received.add(this.partial.toString());
                this.partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            this.socket.sendClose(1000, "").orTimeout(10, TimeUnit.SECONDS).join();
        }

    }

}
