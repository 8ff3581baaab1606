package io.peersocket.multiplayer.rpc;

import java.net.URI;
import java.time.Duration;

import io.peersocket.autoconfigure.MultiplayerApiAutoConfiguration;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.bytes;
import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.int32;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RemoteNode} beans that no client could call fail startup naming the bean and the
 * member; nodes without their relay fail naming the relay; strict mode closes a client
 * whose call is refused.
 */
class MultiplayerApiStartupTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(PeerSocketServerAutoConfiguration.class, MultiplayerApiAutoConfiguration.class))
        .withPropertyValues("peersocket.server.port=0", "peersocket.server.multiplayer.path=/mp");

    @Test
    void aParameterWithNoVariantTypeFailsNamingBeanAndMethod() {
        this.runner.withBean("badNode", BadParameter.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'badNode'")
                .hasMessageContaining("BadParameter.join")
                .hasMessageContaining("parameter 1")
                .hasMessageContaining("has no Variant type"));
    }

    @Test
    void twoMethodsOfOneNameFail() {
        this.runner.withBean("twice", SameName.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'twice'")
                .hasMessageContaining("remote function 'go'"));
    }

    @Test
    void aNodeBoundToARelayThatDoesNotExistFails() {
        this.runner.withBean("lost", ElsewhereNode.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'lost'")
                .hasMessageContaining("relay /nowhere"));
    }

    @Test
    void aPathOutsideTheRootFails() {
        this.runner.withBean("outside", OutsideRoot.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'outside'")
                .hasMessageContaining("not under /root"));
    }

    @Test
    void twoBeansForOneNodeFail() {
        this.runner.withBean("first", GoodNode.class)
            .withBean("second", GoodNode.class)
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'first' and 'second'"));
    }

    @Test
    void variantsOfAnotherEngineThanTheCallsFailNamingBothProperties() {
        this.runner.withBean("node", GoodNode.class)
            .withPropertyValues("peersocket.server.variant.dialect=pandemonium")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("peersocket.server.multiplayer.api.dialect is godot3")
                .hasMessageContaining("peersocket.server.variant.dialect is pandemonium"));
        this.runner.withBean("node", GoodNode.class)
            .withPropertyValues("peersocket.server.multiplayer.api.dialect=pandemonium")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("peersocket.server.multiplayer.api.dialect is pandemonium")
                .hasMessageContaining("peersocket.server.variant.dialect is godot-3"));
    }

    @Test
    void thePandemoniumDialectServesFunctionsButNoRemoteProperty() {
        this.runner.withBean("node", GoodNode.class)
            .withPropertyValues("peersocket.server.multiplayer.api.dialect=pandemonium",
                    "peersocket.server.variant.dialect=pandemonium")
            .run((context) -> assertThat(context).hasNotFailed()
                .getBean(MultiplayerApi.class)
                .extracting(MultiplayerApi::getDialect)
                .isEqualTo(MultiplayerDialect.PANDEMONIUM));
        this.runner.withBean("withField", WithProperty.class)
            .withPropertyValues("peersocket.server.multiplayer.api.dialect=pandemonium",
                    "peersocket.server.variant.dialect=pandemonium")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("'withField'")
                .hasMessageContaining("[hp]")
                .hasMessageContaining("no rset")
                .hasMessageContaining("peersocket.server.multiplayer.api.dialect"));
    }

    @Test
    void withoutRemoteNodesTheRelayIsUntouched() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(MultiplayerApis.class)
            .doesNotHaveBean(MultiplayerApi.class));
    }

    @Test
    void strictModeClosesAClientWhoseCallIsRefusedWith1008() {
        this.runner.withBean("node", GoodNode.class)
            .withPropertyValues("peersocket.server.multiplayer.api.strict=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                int port = Integer.parseInt(context.getEnvironment().getProperty("local.peersocket.port"));
                JdkClient socket = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/mp"));
                int id = RelayFrame.decode(socket.next(Duration.ofSeconds(10)).data()).peerId();
                socket.next(Duration.ofSeconds(10)); // SYS_ADD(1)
                socket.sendBinary(RelayFrame.payload(id, 1,
                        MultiplayerApiPacketTest.withPath(bytes(0, int32(0), "hidden\0", 0), "Good")));
                assertThat(socket.awaitClose().code()).isEqualTo(1008);
                assertThat(context.getBean(MultiplayerApi.class).getDroppedCount(MultiplayerApi.DROP_FORBIDDEN))
                    .isOne();
            });
    }

    @RemoteNode(path = "/root/Good")
    static class GoodNode {

        @Remote(RpcMode.PUPPETSYNC)
        void hidden() {
        }

    }

    @RemoteNode(path = "/root/Field")
    static class WithProperty {

        @Remote
        volatile int hp;

    }

    @RemoteNode(path = "Bad")
    static class BadParameter {

        @Remote
        void join(String name, Thread thread) {
        }

    }

    @RemoteNode(path = "Same")
    static class SameName {

        @Remote
        void go() {
        }

        @Remote(name = "go")
        void goAgain(int step) {
        }

    }

    @RemoteNode(path = "Lost", relay = "/nowhere")
    static class ElsewhereNode {

    }

    @RemoteNode(path = "/other/Node")
    static class OutsideRoot {

    }

}
