package io.peersocket.cluster;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The multiplayer relay across two nodes, with relay clients at the packet level: clients
 * of different nodes see each other with SYS_ADD / SYS_DEL in the engine's order,
 * targeted, broadcast (0) and exclusion (-N) packets cross nodes, what is addressed to
 * everybody reaches the application (peer 1) of the sender's node only, and
 * {@code RelayServer.putPacket} reaches a client of another node.
 */
class ClusterRelayTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    static final class Client {

        final JdkClient socket;

        final int id;

        Client(URI uri) {
            this.socket = JdkClient.connect(uri);
            RelayFrame hello = next();
            assertThat(hello.type()).isEqualTo(RelayFrame.SYS_ID);
            this.id = hello.peerId();
            assertThat(next()).isEqualTo(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, 1)));
        }

        RelayFrame next() {
            JdkClient.Message message = this.socket.next(Duration.ofSeconds(20));
            assertThat(message.text()).isFalse();
            return RelayFrame.decode(message.data());
        }

        void expectSystem(int type, int id) {
            assertThat(next()).isEqualTo(RelayFrame.decode(RelayFrame.system(type, id)));
        }

        String nextPayload() {
            RelayFrame frame = next();
            assertThat(frame.type()).as("a payload, got " + frame).isEqualTo(RelayFrame.PAYLOAD);
            return frame.from() + ">" + frame.to() + ":" + new String(frame.payload(), StandardCharsets.UTF_8);
        }

        void send(int to, String text) {
            this.socket.sendBinary(RelayFrame.payload(this.id, to, text.getBytes(StandardCharsets.UTF_8)));
        }

        void expectNothing() throws InterruptedException {
            assertThat(this.socket.poll(Duration.ofMillis(300))).isNull();
        }

    }

    static URI mp(ConfigurableApplicationContext context) {
        return URI.create(ClusterNodes.uri(context).toString().replace("/cluster", "/mp"));
    }

    static void awaitKnown(ConfigurableApplicationContext context, int id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ClusterNodes.node(context).nodeOf(id) != null);
    }

    @Test
    void relayClientsOnTwoNodesMeetAndTheirPacketsCross() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis, "relay-test")) {
            ConfigurableApplicationContext a = nodes.start("node-a");
            ConfigurableApplicationContext b = nodes.start("node-b");
            await().atMost(Duration.ofSeconds(30))
                .until(() -> ClusterNodes.node(a).otherNodes().contains("node-b")
                        && ClusterNodes.node(b).otherNodes().contains("node-a"));
            Client c1 = new Client(mp(a));
            awaitKnown(b, c1.id);
            Client c2 = new Client(mp(b));
            // The newcomer on B is told of the client of A; the client of A of the
            // newcomer.
            c2.expectSystem(RelayFrame.SYS_ADD, c1.id);
            c1.expectSystem(RelayFrame.SYS_ADD, c2.id);
            awaitKnown(a, c2.id);
            Client c3 = new Client(mp(a));
            // Everybody else, on both nodes, in ascending id order.
            int low = Math.min(c1.id, c2.id);
            int high = Math.max(c1.id, c2.id);
            c3.expectSystem(RelayFrame.SYS_ADD, low);
            c3.expectSystem(RelayFrame.SYS_ADD, high);
            c1.expectSystem(RelayFrame.SYS_ADD, c3.id);
            c2.expectSystem(RelayFrame.SYS_ADD, c3.id);

            // Targeted, across nodes.
            c1.send(c2.id, "one to two");
            assertThat(c2.nextPayload()).isEqualTo(c1.id + ">" + c2.id + ":one to two");
            // Broadcast from B: both clients of A; B's application, not A's.
            c2.send(0, "two to all");
            assertThat(c1.nextPayload()).isEqualTo(c2.id + ">0:two to all");
            assertThat(c3.nextPayload()).isEqualTo(c2.id + ">0:two to all");
            ClusterTestApplication.Game gameA = a.getBean(ClusterTestApplication.Game.class);
            ClusterTestApplication.Game gameB = b.getBean(ClusterTestApplication.Game.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> gameB.packets.contains(c2.id + ">0:two to all"));
            // Exclusion: every client but c3, wherever it is.
            c2.send(-c3.id, "all but three");
            assertThat(c1.nextPayload()).isEqualTo(c2.id + ">" + (-c3.id) + ":all but three");
            c3.expectNothing();
            c2.expectNothing();
            assertThat(gameA.packets).isEmpty();

            // Peer 1 of A to a client of B.
            RelayServer relayA = a.getBean(RelayServer.class);
            assertThat(relayA.hasPeer(c2.id)).isTrue();
            assertThat(relayA.getPeerIds()).contains(c1.id, c2.id, c3.id);
            assertThat(relayA.putPacket(c2.id, "from A's server".getBytes(StandardCharsets.UTF_8)).name())
                .isEqualTo("OK");
            assertThat(c2.nextPayload()).isEqualTo("1>" + c2.id + ":from A's server");

            // A client of B leaves: the clients of A are told.
            c2.socket.close(1000, "");
            c1.expectSystem(RelayFrame.SYS_DEL, c2.id);
            c3.expectSystem(RelayFrame.SYS_DEL, c2.id);
            await().atMost(Duration.ofSeconds(10)).until(() -> !relayA.hasPeer(c2.id));
            c1.socket.close(1000, "");
            c3.socket.close(1000, "");
        }
    }

}
