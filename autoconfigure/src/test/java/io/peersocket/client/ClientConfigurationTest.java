package io.peersocket.client;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import io.peersocket.peer.DispatchMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's auto-configuration: what it makes, and misconfiguration failing at startup
 * with a precise message.
 */
class ClientConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PeerSocketServerAutoConfiguration.class, PeerSocketClientAutoConfiguration.class));

    @PacketHandler(client = "chat")
    static class ChatClient {

        @ConnectionEstablished
        void established() {
        }

    }

    @PacketHandler(client = "chat", blocking = false)
    static class NonBlockingClient {

        @ConnectionEstablished
        void established() {
        }

    }

    @PacketHandler(client = "missing")
    static class OrphanClient {

        @DataReceived
        void data(String text) {
        }

    }

    @PacketHandler(client = "chat")
    static class MixedClient {

        @ClientConnected
        void connected() {
        }

    }

    @PacketHandler(path = "/x")
    static class ServerWithClientSignal {

        @ConnectionEstablished
        void established() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Chat {

        @Bean
        ChatClient chatClient() {
            return new ChatClient();
        }

    }

    @Test
    void theBuilderIsMadeWhateverObserversTheApplicationHas() {
        this.runner.withBean("firstObserver", io.peersocket.spi.PeerSocketObserver.class,
                () -> new io.peersocket.spi.PeerSocketObserver() {
                })
            .withBean("secondObserver", io.peersocket.spi.PeerSocketObserver.class,
                    () -> new io.peersocket.spi.PeerSocketObserver() {
                    })
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PeerSocketClientBuilder.class)).isNotNull();
            });
    }

    @Test
    void makesANewBuilderPerInjectionAndTheNamedConnectionsWithoutConnectingWhenAutoConnectIsOff() {
        this.runner.withUserConfiguration(Chat.class)
            .withPropertyValues("peersocket.client.connections.chat.url=ws://127.0.0.1:1/chat",
                    "peersocket.client.connections.chat.auto-connect=false",
                    "peersocket.client.connections.chat.dispatch=poll",
                    "peersocket.client.connections.chat.buffers.in-kib=100")
            .run((context) -> {
                assertThat(context.getBean(PeerSocketClientBuilder.class))
                    .isNotSameAs(context.getBean(PeerSocketClientBuilder.class));
                PeerSocketClient chat = context.getBean(PeerSocketClients.class).require("chat");
                assertThat(chat.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
                assertThat(chat.dispatchMode()).isEqualTo(DispatchMode.POLL);
                assertThat(chat.limits().inKiB()).isEqualTo(128);
                assertThat(chat.getUrl()).isEqualTo("ws://127.0.0.1:1/chat");
            });
    }

    @Test
    void aClientHandlerDeclaredNonBlockingFailsNamingTheBean() {
        this.runner.withBean("fastClient", NonBlockingClient.class)
            .withPropertyValues("peersocket.client.connections.chat.url=ws://127.0.0.1:1/chat",
                    "peersocket.client.connections.chat.auto-connect=false")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("'fastClient'")
                .hasMessageContaining("blocking = false")
                .hasMessageContaining("server endpoints only"));
    }

    @Test
    void aConnectionWithoutUrlFails() {
        this.runner.withPropertyValues("peersocket.client.connections.chat.protocols=a")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("peersocket.client.connections.chat.url is required"));
    }

    @Test
    void aUrlWithAnotherSchemeFails() {
        this.runner.withPropertyValues("peersocket.client.connections.chat.url=http://example.org/")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining(
                        "peersocket.client.connections.chat.url: 'http://example.org/' must start with ws:// or wss://"));
    }

    @Test
    void aReconnectPolicyOutOfRangeFailsNamingTheProperty() {
        this.runner
            .withPropertyValues("peersocket.client.connections.chat.url=ws://127.0.0.1:1/",
                    "peersocket.client.connections.chat.reconnect.jitter=2")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining(
                        "peersocket.client.connections.chat.reconnect.jitter must be between 0 and 1"));
    }

    @Test
    void aHandlerForAConnectionThatIsNotConfiguredFailsNamingTheBean() {
        this.runner.withBean("orphanClient", OrphanClient.class)
            .withPropertyValues("peersocket.client.connections.chat.url=ws://127.0.0.1:1/")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("@PacketHandler bean 'orphanClient' handles client 'missing' but there is no "
                        + "peersocket.client.connections.missing.url (configured: [chat])"));
    }

    @Test
    void aClientHandlerWithServerSignalsFails() {
        this.runner.withBean("mixedClient", MixedClient.class)
            .withPropertyValues("peersocket.client.connections.chat.url=ws://127.0.0.1:1/")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining(
                        "@PacketHandler bean 'mixedClient' is a client handler but has @ClientConnected"));
    }

    @Test
    void twoHandlersForOneConnectionFail() {
        this.runner.withBean("one", ChatClient.class)
            .withBean("two", ChatClient.class)
            .withPropertyValues("peersocket.client.connections.chat.url=ws://127.0.0.1:1/")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("@PacketHandler beans 'one' and 'two' both handle client 'chat'"));
    }

    @Test
    void aServerHandlerWithClientSignalsFails() {
        this.runner.withBean("serverWithClientSignal", ServerWithClientSignal.class)
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("@PacketHandler bean 'serverWithClientSignal' has client signal methods"));
    }

    @Test
    void theClientCanBeTurnedOff() {
        this.runner.withPropertyValues("peersocket.client.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(PeerSocketClients.class)
                .doesNotHaveBean(PeerSocketClientBuilder.class));
    }

}
