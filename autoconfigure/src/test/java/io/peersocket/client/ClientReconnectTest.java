package io.peersocket.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.peersocket.annotation.ConnectionClosed;
import io.peersocket.annotation.ConnectionError;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.ServerCloseRequest;
import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.test.PeerProcess;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A named connection with reconnect: the server goes away (closing with 1001) and comes
 * back on the same port; the connection retries with growing delays and
 * its @PacketHandler(client) bean sees every signal in order.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientReconnectTest {

    private static final Pattern RETRY = Pattern
        .compile("Client 'game': .*; reconnecting to \\S+ in (\\d+) ms \\(retry (\\d+)\\)");

    /** The delay the client logged for its n-th consecutive retry. */
    private static long retryDelay(CapturedOutput output, int retry) {
        Matcher matcher = RETRY.matcher(output.getOut());
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(2)) == retry) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("no log line for retry " + retry + " in\n" + output.getOut());
    }

    @PacketHandler(client = "game")
    static class GameClient {

        final List<String> events = new CopyOnWriteArrayList<>();

        final AtomicInteger errors = new AtomicInteger();

        @ConnectionEstablished
        String established(String protocol) {
            this.events.add("established '" + protocol + "'");
            return "hello";
        }

        @DataReceived
        void data(String text) {
            this.events.add("data " + text);
        }

        @ServerCloseRequest
        void closeRequest(int code, String reason) {
            this.events.add("close-request " + code + " '" + reason + "'");
        }

        @ConnectionClosed
        void closed(boolean wasClean) {
            this.events.add("closed clean=" + wasClean);
        }

        @ConnectionError
        void error(Throwable cause) {
            this.errors.incrementAndGet();
            this.events.add("error");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Handler {

        @Bean
        GameClient gameClient() {
            return new GameClient();
        }

    }

    static ConfigurableApplicationContext server(int port) {
        return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
            .properties("peersocket.server.port=" + port, "peersocket.client.enabled=false",
                    "spring.main.banner-mode=off")
            .run();
    }

    @Test
    void reconnectsWithBackoffAndTheHandlerSeesEverySignalInOrder(CapturedOutput output) throws Exception {
        int port = PeerProcess.freePort();
        ConfigurableApplicationContext first = server(port);
        ConfigurableApplicationContext[] second = new ConfigurableApplicationContext[1];
        try {
            new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PeerSocketClientAutoConfiguration.class))
                .withUserConfiguration(Handler.class)
                .withPropertyValues("peersocket.client.connections.game.url=ws://127.0.0.1:" + port + "/echo",
                        "peersocket.client.connections.game.write-mode=TEXT",
                        "peersocket.client.connections.game.reconnect.enabled=true",
                        "peersocket.client.connections.game.reconnect.initial-delay=200ms",
                        "peersocket.client.connections.game.reconnect.max-delay=2s",
                        "peersocket.client.connections.game.reconnect.multiplier=2",
                        "peersocket.client.connections.game.reconnect.jitter=0.1")
                .run((context) -> {
                    GameClient handler = context.getBean(GameClient.class);
                    await().atMost(Duration.ofSeconds(15)).until(() -> handler.events.contains("data hello"));

                    first.close(); // closes its peers with 1001, then the port
                    await().atMost(Duration.ofSeconds(15)).until(() -> handler.errors.get() >= 3);
                    second[0] = server(port);
                    await().atMost(Duration.ofSeconds(15))
                        .until(() -> handler.events.stream().filter("data hello"::equals).count() == 2);

                    List<String> events = new ArrayList<>(handler.events);
                    int errors = handler.errors.get();
                    List<String> expected = new ArrayList<>(List.of("established ''", "data hello",
                            "close-request 1001 'Server shutting down'", "closed clean=true"));
                    for (int i = 0; i < errors; i++) {
                        expected.add("error");
                    }
                    expected.addAll(List.of("established ''", "data hello"));
                    assertThat(events).containsExactlyElementsOf(expected);
                    // 200 ms, then 400, then 800, each within the 10 % jitter: the delays
                    // the client
                    // chose, as it logs them, rather than measured gaps, which a loaded
                    // machine stretches.
                    assertThat(retryDelay(output, 1)).isBetween(180L, 220L);
                    assertThat(retryDelay(output, 2)).isBetween(360L, 440L);
                    assertThat(retryDelay(output, 3)).isBetween(720L, 880L);
                    assertThat(context.getBean(PeerSocketClients.class).require("game").isConnected()).isTrue();
                });
            // The context closed: the connection was closed by the application, cleanly,
            // on shutdown.
        }
        finally {
            first.close();
            if (second[0] != null) {
                second[0].close();
            }
        }
    }

}
