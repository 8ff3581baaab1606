package io.peersocket.multiplayer;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import io.peersocket.server.PeerSocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** A relay that cannot work fails at startup, naming the bean and what is wrong. */
class RelayMisconfigurationTest {

    // A dedicated port (0: any), since endpoints that nothing serves fail startup.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class))
        .withPropertyValues("peersocket.server.port=0");

    @Test
    void aRelayHandlerWithASubprotocolFails() {
        this.runner.withUserConfiguration(WithProtocol.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'relayWithProtocol'")
                .hasMessageContaining("selects none"));
    }

    @Test
    void aRelayHandlerDeclaredNonBlockingFails() {
        this.runner.withBean("fastRelay", NonBlockingRelay.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'fastRelay'")
                .hasMessageContaining("blocking = false")
                .hasMessageContaining("plain endpoints only"));
    }

    @PacketHandler(path = "/game", multiplayer = true, blocking = false)
    static class NonBlockingRelay {

        @PeerPacket
        void packet(byte[] payload) {
        }

    }

    @Test
    void aRelayHandlerWithDataReceivedFails() {
        this.runner.withUserConfiguration(WithDataReceived.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'relayWithData'")
                .hasMessageContaining("@DataReceived")
                .hasMessageContaining("@PeerPacket"));
    }

    @Test
    void aPlainHandlerWithPeerPacketFails() {
        this.runner.withUserConfiguration(PlainWithPeerPacket.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'plainWithPeer'")
                .hasMessageContaining("multiplayer = true"));
    }

    @Test
    void aRelayPathSharedWithAPlainHandlerFails() {
        this.runner.withUserConfiguration(PlainAtRelayPath.class)
            .withPropertyValues("peersocket.server.multiplayer.path=/game")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'plainAtGame'")
                .hasMessageContaining("/game"));
    }

    @Test
    void aRelayByPropertyNeedsNoHandlerAndIsInjectable() {
        this.runner.withPropertyValues("peersocket.server.multiplayer.path=/relay").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PeerSocketServer.class).endpointProtocols()).containsOnlyKeys("/relay")
                .allSatisfy((path, protocols) -> assertThat(protocols).isEmpty());
            assertThat(context.getBean(RelayServer.class).path()).isEqualTo("/relay");
        });
    }

    @Test
    void aRelayServerBeanExistsOnlyForASingleRelay() {
        this.runner
            .run((context) -> assertThat(context).doesNotHaveBean(RelayServer.class).hasSingleBean(RelayServers.class));
        this.runner.withUserConfiguration(TwoRelays.class)
            .withPropertyValues("peersocket.server.multiplayer.path=/b")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(RelayServer.class);
                assertThat(context.getBean(RelayServers.class).all()).extracting(RelayServer::path)
                    .containsExactly("/a", "/b");
            });
    }

    static class WithProtocol {

        @Bean
        Handler relayWithProtocol() {
            return new Handler();
        }

        @PacketHandler(path = "/game", protocols = "v1", multiplayer = true)
        static class Handler {

            @PeerPacket
            void packet(byte[] payload) {
            }

        }

    }

    static class WithDataReceived {

        @Bean
        Handler relayWithData() {
            return new Handler();
        }

        @PacketHandler(path = "/game", multiplayer = true)
        static class Handler {

            @DataReceived
            void data(byte[] payload) {
            }

        }

    }

    static class PlainWithPeerPacket {

        @Bean
        Handler plainWithPeer() {
            return new Handler();
        }

        @PacketHandler(path = "/game")
        static class Handler {

            @PeerPacket
            void packet(byte[] payload) {
            }

        }

    }

    static class PlainAtRelayPath {

        @Bean
        Handler plainAtGame() {
            return new Handler();
        }

        @PacketHandler(path = "/game")
        static class Handler {

            @DataReceived
            void data(byte[] payload) {
            }

        }

    }

    static class TwoRelays {

        @Bean
        Handler relayA() {
            return new Handler();
        }

        @PacketHandler(path = "/a", multiplayer = true)
        static class Handler {

            @PeerPacket
            void packet(byte[] payload) {
            }

        }

    }

}
