package io.peersocket.logging;

import java.time.Duration;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import io.peersocket.test.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What any client can trigger stays out of the log at INFO (refused upgrades) or is
 * logged once per peer (handler exceptions), and client text in a log line is escaped.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientTriggeredLogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRefusedUpgradeIsNotLoggedAtInfo(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            int port = port(context);
            for (int i = 0; i < 5; i++) {
                assertThat(RawWebSocket.handshake(port, RawWebSocket.upgradeRequest(port, "/game", "evil")).status())
                    .isEqualTo(400);
            }
            assertThat(output.getAll()).doesNotContain("Refused WebSocket upgrade").doesNotContain("evil");
        }
    }

    @Test
    void aRefusedUpgradeIsLoggedAtDebugWithTheClientsTextQuoted(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start(
                "logging.level.io.peersocket.internal.server.reactive.EndpointRouter=DEBUG")) {
            int port = port(context);
            assertThat(RawWebSocket.handshake(port, RawWebSocket.upgradeRequest(port, "/game", "evil")).status())
                .isEqualTo(400);
            await().atMost(WAIT)
                .untilAsserted(() -> assertThat(output.getAll()).containsOnlyOnce("Refused WebSocket upgrade")
                    .contains("DEBUG")
                    .contains("[evil]"));
        }
    }

    @Test
    void handlerExceptionsAreLoggedOncePerPeerWithTheStack(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start(
                "logging.level.io.peersocket.internal.core.PeerRuntime=DEBUG")) {
            int port = port(context);
            try (RawWebSocket first = RawWebSocket.connect(port, "/fail");
                    RawWebSocket second = RawWebSocket.connect(port, "/fail")) {
                first.sendText("one");
                first.sendText("two");
                first.sendText("line\r\nFORGED ERROR line");
                await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(output.getAll()).contains("(failure 3 of this peer)"));
                second.sendText("three");
                await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(
                            count(output.getAll(), "(later failures of this peer are logged at DEBUG)"))
                        .isEqualTo(2));
            }
            String log = output.getAll();
            // One stack trace per peer, not per message.
            assertThat(count(log, "at " + Failing.class.getName() + ".data")).isEqualTo(2);
            assertThat(log).contains("(failure 2 of this peer)");
            // The third message's CR/LF did not start a line of the client's making.
            assertThat(log.lines()).noneMatch((line) -> line.startsWith("FORGED"));
            assertThat(log).contains("line<EOL><EOL>FORGED ERROR line"); // CR and LF each
                                                                         // shown as <EOL>
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(LogApplication.class).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "peersocket.server.port=0")
            .properties(properties)
            .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment()
            .getRequiredProperty(PeerSocketServerAutoConfiguration.LOCAL_PORT_PROPERTY, Integer.class);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PeerSocketServerAutoConfiguration.class)
    @Import({ Game.class, Failing.class })
    static class LogApplication {

    }

    @PacketHandler(path = "/game", protocols = "v1")
    static class Game {

        @DataReceived
        void data(String text) {
        }

    }

    @PacketHandler(path = "/fail")
    static class Failing {

        @DataReceived
        void data(String text) {
            throw new IllegalStateException("refused " + text);
        }

    }

}
