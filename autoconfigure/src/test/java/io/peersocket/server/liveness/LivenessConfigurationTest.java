package io.peersocket.server.liveness;

import java.time.Duration;

import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import io.peersocket.client.PeerSocketClientBuilder;
import io.peersocket.internal.server.LivenessSweep;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Liveness settings that cannot work fail at startup, naming the property or the builder
 * setting.
 */
class LivenessConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PeerSocketServerAutoConfiguration.class, PeerSocketClientAutoConfiguration.class));

    @Test
    void anIdleTimeoutNotAboveThePingIntervalNamesTheServerProperty() {
        this.runner.withPropertyValues("peersocket.server.ping-interval=2s", "peersocket.server.idle-timeout=2s")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(
                            "peersocket.server.idle-timeout (PT2S) must be longer than peersocket.server.ping-interval (PT2S)");
            });
    }

    @Test
    void aNegativeDurationNamesTheServerProperty() {
        this.runner.withPropertyValues("peersocket.server.ping-interval=-1s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("peersocket.server.ping-interval must not be negative");
        });
    }

    @Test
    void eitherMayBeTurnedOff() {
        this.runner.withPropertyValues("peersocket.server.ping-interval=0", "peersocket.server.idle-timeout=10s")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LivenessSweep.class));
        this.runner.withPropertyValues("peersocket.server.ping-interval=10s", "peersocket.server.idle-timeout=0")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void anIdleTimeoutNotAboveThePingIntervalNamesTheClientProperty() {
        this.runner
            .withPropertyValues("peersocket.client.connections.lobby.url=ws://127.0.0.1:9/",
                    "peersocket.client.connections.lobby.auto-connect=false",
                    "peersocket.client.connections.lobby.ping-interval=5s",
                    "peersocket.client.connections.lobby.idle-timeout=1s")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(
                            "peersocket.client.connections.lobby.idle-timeout (PT1S) must be longer than peersocket.client.connections.lobby.ping-interval (PT5S)");
            });
    }

    @Test
    void theBuilderNamesItsSetting() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PeerSocketClientBuilder.create()
                .pingInterval(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(5))
                .build())
            .withMessageContaining("idleTimeout (PT5S) must be longer than pingInterval (PT5S)");
    }

}
