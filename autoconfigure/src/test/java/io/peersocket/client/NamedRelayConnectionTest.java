package io.peersocket.client;

import java.time.Duration;

import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.multiplayer.RelayTestApplication;
import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A named connection with {@code multiplayer: true} joins a relay when the application
 * starts.
 */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.client.enabled=false" })
class NamedRelayConnectionTest {

    @LocalPeerSocketPort
    int port;

    @Test
    void aNamedConnectionInRelayModeGetsItsIdAndSeesTheServer() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PeerSocketClientAutoConfiguration.class))
            .withPropertyValues("peersocket.client.connections.game.url=ws://127.0.0.1:" + this.port + "/mp",
                    "peersocket.client.connections.game.multiplayer=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PeerSocketClient client = context.getBean(PeerSocketClients.class).require("game");
                await().atMost(Duration.ofSeconds(10)).until(() -> client.multiplayer().getUniqueId() > 1);
                assertThat(client.multiplayer().getPeerIds()).contains(1);
            });
    }

}
