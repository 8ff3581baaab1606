package io.peersocket.autoconfigure;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.internal.server.reactive.DedicatedPortServer;
import io.peersocket.internal.server.servlet.ServletEndpoints;
import io.peersocket.internal.server.PeerSocketServerFactory;
import io.peersocket.server.PeerSocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Misconfiguration fails at startup with a message naming the bean, method or property.
 */
class MisconfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class));

    @Test
    void twoHandlersForOnePathAndProtocolNameBothBeans() {
        this.runner.withUserConfiguration(TwoChatHandlers.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'firstChat'")
                .hasMessageContaining("'secondChat'")
                .hasMessageContaining("/chat")
                .hasMessageContaining("'chat-v1'");
        });
    }

    @Test
    void handlersSharingAPathWithDifferentProtocolsMakeOneEndpoint() {
        this.runner.withUserConfiguration(ChatV1AndV2.class)
            .withPropertyValues("peersocket.server.port=0")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PeerSocketServer.class).endpointProtocols().values()).singleElement()
                    .satisfies((protocols) -> assertThat(protocols).containsExactlyInAnyOrder("v1", "v2"));
            });
    }

    @Test
    void aParameterNoSignalCanSupplyNamesBeanMethodAndParameter() {
        this.runner.withUserConfiguration(UnresolvableParameter.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'badHandler'")
                .hasMessageContaining("BadHandler.joined")
                .hasMessageContaining("java.lang.Thread")
                .hasMessageContaining("@ClientConnected");
        });
    }

    @Test
    void aNegativeLimitNamesTheProperty() {
        this.runner.withUserConfiguration(ChatV1AndV2.class)
            .withPropertyValues("peersocket.server.buffers.in-kib=-1")
            .run((context) -> {
                assertThat(context).hasFailed();
                // Boot names the group ('peersocket.server.buffers'), the setter names
                // the property in it.
                assertThat(context.getStartupFailure()).hasStackTraceContaining("'peersocket.server.buffers'")
                    .rootCause()
                    .hasMessage("in-kib must be between 1 and 4096 but was -1");
            });
    }

    @Test
    void aNegativeRateOrSlowReaderTimeoutNamesTheProperty() {
        this.runner.withPropertyValues("peersocket.server.limits.packets-per-second=-1").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "peersocket.server.limits.packets-per-second must be 0 (no limit) or more but was -1");
        });
        this.runner.withPropertyValues("peersocket.server.limits.bytes-per-second=-1").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "peersocket.server.limits.bytes-per-second must be 0 (no limit) or more but was -1");
        });
        this.runner.withPropertyValues("peersocket.server.limits.slow-reader-timeout=-1s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                .hasStackTraceContaining("peersocket.server.limits.slow-reader-timeout must not be negative");
        });
        this.runner.withPropertyValues("peersocket.server.limits.rate-exceeded=kick").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("peersocket.server.limits.rate-exceeded");
        });
    }

    @Test
    void aSendTimeLimitThatIsNotPositiveNamesTheProperty() {
        this.runner.withPropertyValues("peersocket.server.send-time-limit=0s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                .hasStackTraceContaining("peersocket.server.send-time-limit must be positive but was PT0S");
        });
    }

    @Test
    void aPortOutOfRangeNamesTheProperty() {
        this.runner.withPropertyValues("peersocket.server.port=70000").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("peersocket.server.port")
                .hasStackTraceContaining("must be between 0 and 65535 but was 70000");
        });
    }

    @Test
    void anEmptyPortIsUnset() {
        // 'peersocket.server.port=' is how a profile unsets the port: no dedicated port,
        // no NullPointerException.
        this.runner.withPropertyValues("peersocket.server.port=").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DedicatedPortServer.class);
            assertThat(context.getBean(PeerSocketServer.class).endpointProtocols()).isEmpty();
        });
    }

    @Test
    void anEmptyPortServesTheEndpointsFromTheServletContainer() {
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class))
            .withUserConfiguration(ChatV1AndV2.class)
            .withPropertyValues("peersocket.server.port=")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DedicatedPortServer.class)
                .hasSingleBean(ServletEndpoints.class));
    }

    @Test
    void endpointsWithNothingToServeThemFailNamingTheProperty() {
        this.runner.withUserConfiguration(ChatV1AndV2.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("peersocket.server.port");
        });
    }

    @Test
    void limitsAreRoundedUpToPowersOfTwoAsInTheEngine() {
        this.runner.withUserConfiguration(ChatV1AndV2.class)
            .withPropertyValues("peersocket.server.port=0", "peersocket.server.buffers.in-kib=100",
                    "peersocket.server.buffers.out-packets=1000")
            .run((context) -> {
                var limits = context.getBean(PeerSocketServerFactory.class).endpoints().get(0).limits();
                assertThat(limits.inKiB()).isEqualTo(128);
                assertThat(limits.outPackets()).isEqualTo(1024);
            });
    }

    @PacketHandler(path = "/chat", protocols = "chat-v1")
    static class FirstChat {

        @DataReceived
        void data(byte[] data) {
        }

    }

    @PacketHandler(path = "/chat", protocols = { "chat-v1", "chat-v2" })
    static class SecondChat {

        @DataReceived
        void data(byte[] data) {
        }

    }

    static class TwoChatHandlers {

        @org.springframework.context.annotation.Bean
        FirstChat firstChat() {
            return new FirstChat();
        }

        @org.springframework.context.annotation.Bean
        SecondChat secondChat() {
            return new SecondChat();
        }

    }

    @PacketHandler(path = "/game", protocols = "v1")
    static class V1 {

        @DataReceived
        void data(String text) {
        }

    }

    @PacketHandler(path = "/game", protocols = "v2")
    static class V2 {

        @DataReceived
        void data(String text) {
        }

    }

    @Import({ V1.class, V2.class })
    static class ChatV1AndV2 {

    }

    @PacketHandler(path = "/bad")
    static class BadHandler {

        @ClientConnected
        void joined(Thread thread) {
        }

    }

    static class UnresolvableParameter {

        @org.springframework.context.annotation.Bean
        BadHandler badHandler() {
            return new BadHandler();
        }

    }

}
