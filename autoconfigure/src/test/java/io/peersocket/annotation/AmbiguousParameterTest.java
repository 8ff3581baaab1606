package io.peersocket.annotation;

import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parameter that only a guess could bind (an {@code int} of a signal that carries two,
 * under a name that is neither's) fails startup, naming the bean, the method, the
 * parameter and the names that would bind it: a wrong number handed to the method without
 * a word is worse.
 */
class AmbiguousParameterTest {

    // A dedicated port (0: any), since endpoints that nothing serves fail startup.
    private final ApplicationContextRunner server = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class))
        .withPropertyValues("peersocket.server.port=0");

    @Test
    void aCloseRequestsIntsNeedTheirNames() {
        this.server.withBean("closingHandler", UnnamedCloseCode.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'closingHandler'")
                .hasMessageContaining("UnnamedCloseCode.closing")
                .hasMessageContaining("parameter 'peer'")
                .hasMessageContaining("@ClientCloseRequest supplies int id and int code")
                .hasMessageContaining("name it 'id' for int id or 'code' for int code");
        });
    }

    @Test
    void aSingleIntOfACloseRequestNeedsItsNameToo() {
        this.server.withBean("statusHandler", SingleUnnamedInt.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'statusHandler'")
                .hasMessageContaining("SingleUnnamedInt.closing")
                .hasMessageContaining("parameter 'status'")
                .hasMessageContaining("name it 'id' for int id or 'code' for int code");
        });
    }

    @Test
    void aRelayedPacketsIntsNeedTheirNames() {
        this.server.withBean("gameHandler", UnnamedTarget.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'gameHandler'")
                .hasMessageContaining("UnnamedTarget.packet")
                .hasMessageContaining("parameter 'destination'")
                .hasMessageContaining("@PeerPacket supplies int from and int to")
                .hasMessageContaining("name it 'from' for int from or 'to' for int to")
                .hasMessageContaining("to, target");
        });
    }

    @Test
    void aServerCloseRequestsIntsNeedTheirNames() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PeerSocketClientAutoConfiguration.class))
            .withBean("lobbyClient", UnnamedServerCloseCode.class)
            .withPropertyValues("peersocket.client.connections.lobby.url=ws://127.0.0.1:9/")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("'lobbyClient'")
                    .hasMessageContaining("UnnamedServerCloseCode.closing")
                    .hasMessageContaining("parameter 'status'")
                    .hasMessageContaining("name it 'id' for int id or 'code' for int code");
            });
    }

    @Test
    void namedIntsAndSingleIntsStart() {
        this.server.withBean(Named.class).run((context) -> assertThat(context).hasNotFailed());
    }

    @PacketHandler(path = "/chat")
    static class UnnamedCloseCode {

        @ClientCloseRequest
        void closing(int peer, int status, String reason) {
        }

    }

    @PacketHandler(path = "/chat")
    static class SingleUnnamedInt {

        @ClientCloseRequest
        void closing(int status) {
        }

    }

    @PacketHandler(path = "/game", multiplayer = true)
    static class UnnamedTarget {

        @PeerPacket
        void packet(int from, int destination, String text) {
        }

    }

    @PacketHandler(client = "lobby")
    static class UnnamedServerCloseCode {

        @ServerCloseRequest
        void closing(int status, String reason) {
        }

    }

    /**
     * The documented forms: named ints where a signal has two, any name where it has one.
     */
    @PacketHandler(path = "/chat")
    static class Named {

        @ClientConnected
        void connected(int peer, String protocol) {
        }

        @ClientCloseRequest
        void closing(int peerId, int closeCode, String reason) {
        }

        @ClientDisconnected
        void left(int who, boolean wasClean) {
        }

    }

}
