package io.peersocket.actuate;

import java.time.Duration;
import java.util.Map;

import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.autoconfigure.PeerSocketHealthAutoConfiguration;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code peersocketClients} health contributor reports each named connection against
 * a real server.
 */
class ClientsHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PeerSocketClientAutoConfiguration.class, PeerSocketHealthAutoConfiguration.class));

    @Test
    @SuppressWarnings("unchecked")
    void upWhileEveryNamedConnectionIsConnectedDownWhenOneIsNot() {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .properties("peersocket.server.port=0", "peersocket.client.enabled=false")
            .run()) {
            String url = "ws://127.0.0.1:" + server.getEnvironment().getProperty("local.peersocket.port") + "/echo";
            this.runner.withPropertyValues("peersocket.client.connections.game.url=" + url).run((context) -> {
                PeerSocketClientsHealthIndicator health = context.getBean(PeerSocketClientsHealthIndicator.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> health.health(true).getStatus() == Status.UP);
                Map<String, Object> connections = (Map<String, Object>) health.health(true)
                    .getDetails()
                    .get("connections");
                assertThat(connections).containsOnlyKeys("game");
                assertThat((Map<String, Object>) connections.get("game")).containsEntry("status", "CONNECTED")
                    .containsEntry("url", url);
            });
            this.runner
                .withPropertyValues("peersocket.client.connections.game.url=" + url,
                        "peersocket.client.connections.gone.url=ws://127.0.0.1:1/echo")
                .run((context) -> {
                    PeerSocketClientsHealthIndicator health = context.getBean(PeerSocketClientsHealthIndicator.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> {
                        Map<String, Object> connections = (Map<String, Object>) health.health(true)
                            .getDetails()
                            .get("connections");
                        return "CONNECTED".equals(((Map<String, Object>) connections.get("game")).get("status"))
                                && "DISCONNECTED".equals(((Map<String, Object>) connections.get("gone")).get("status"));
                    });
                    Health down = health.health(true);
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                });
        }
    }

}
