package io.peersocket.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.peersocket.cluster.ClusterMessage.Beat;
import io.peersocket.cluster.ClusterMessage.Empty;
import io.peersocket.cluster.ClusterMessage.Kind;
import io.peersocket.cluster.ClusterMessage.PacketTo;
import io.peersocket.test.JdkClient;
import io.peersocket.test.JdkClient.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes (Spring Boot contexts with their own server, port and Redis connections) on a
 * real redis-server: a peer of one reaches a peer of the other through the server's own
 * API, groups and endpoint sends reach members on both nodes once and in order, garbage
 * in an inbox is skipped and counted, and a node that shuts down is forgotten at once,
 * well within the node timeout.
 */
class ClusterPeersTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    static ClusterNodes nodes;

    static ConfigurableApplicationContext a;

    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        nodes = new ClusterNodes(redis, "peers-test");
        // A node timeout far beyond the waits below: only a graceful leave can explain a
        // quick forget.
        a = nodes.start("node-a", "peersocket.cluster.node-timeout=60s",
                "management.endpoints.web.exposure.include=peersocketcluster",
                "management.endpoints.jmx.exposure.include=peersocketcluster");
        b = nodes.start("node-b", "peersocket.cluster.node-timeout=60s");
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ClusterNodes.node(a).otherNodes().contains("node-b")
                    && ClusterNodes.node(b).otherNodes().contains("node-a"));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static int id(JdkClient client) {
        String hello = client.next().string();
        assertThat(hello).startsWith("id:");
        return Integer.parseInt(hello.substring(3));
    }

    static void awaitKnown(ConfigurableApplicationContext context, int id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ClusterNodes.node(context).nodeOf(id) != null);
    }

    @Test
    void peersOfAnotherNodeAreReachedThroughTheServer() throws Exception {
        JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
        JdkClient onB = JdkClient.connect(ClusterNodes.uri(b));
        int idA = id(onA);
        int idB = id(onB);
        // Each node draws ids from its own leased prefix.
        assertThat(ClusterIds.prefixOf(idA)).isEqualTo(ClusterNodes.node(a).prefix());
        assertThat(ClusterIds.prefixOf(idB)).isEqualTo(ClusterNodes.node(b).prefix());
        assertThat(ClusterNodes.node(a).prefix()).isNotEqualTo(ClusterNodes.node(b).prefix());
        awaitKnown(a, idB);
        assertThat(ClusterNodes.node(a).nodeOf(idB)).isEqualTo("node-b");

        // The actuator endpoint lists both peers with their node.
        ClusterEndpoint.ClusterDescriptor view = a.getBean(ClusterEndpoint.class).cluster();
        assertThat(view.nodes()).contains("node-a", "node-b");
        assertThat(view.peers()).contains(new ClusterEndpoint.PeerDescriptor(idB, "node-b", "/cluster", "127.0.0.1",
                b.getBean(io.peersocket.server.PeerSocketServer.class).getPeerPort(idB)));
        assertThat(view.peers()).anySatisfy((peer) -> {
            assertThat(peer.id()).isEqualTo(idA);
            assertThat(peer.node()).isEqualTo("node-a");
        });

        onA.sendText("has:" + idB);
        String has = onA.next().string();
        assertThat(has).startsWith("has:true:127.0.0.1:");
        assertThat(Integer.parseInt(has.substring(has.lastIndexOf(':') + 1))).isPositive();

        onA.sendText("txt:" + idB + ":hello over redis");
        assertThat(onA.next().string()).isEqualTo("sent:OK");
        Message text = onB.next();
        assertThat(text.text()).isTrue();
        assertThat(text.string()).isEqualTo("hello over redis");

        onA.sendText("bin:" + idB + ":binary over redis");
        assertThat(onA.next().string()).isEqualTo("sent:OK");
        Message binary = onB.next();
        assertThat(binary.text()).isFalse();
        assertThat(new String(binary.data(), StandardCharsets.UTF_8)).isEqualTo("binary over redis");

        // Order and exactly once: 300 packets arrive as sent.
        for (int i = 0; i < 300; i++) {
            onA.sendText("txt:" + idB + ":" + i);
        }
        for (int i = 0; i < 300; i++) {
            assertThat(onA.next().string()).isEqualTo("sent:OK");
        }
        for (int i = 0; i < 300; i++) {
            assertThat(onB.next().string()).isEqualTo(Integer.toString(i));
        }
        assertThat(onB.poll(Duration.ofMillis(200))).isNull();

        // Closing a peer of another node: it gets the code, then every node forgets it.
        onA.sendText("kick:" + idB);
        assertThat(onA.next().string()).isEqualTo("kicked");
        assertThat(onB.awaitClose().code()).isEqualTo(4000);
        await().atMost(Duration.ofSeconds(10)).until(() -> ClusterNodes.node(a).nodeOf(idB) == null);
        onA.sendText("has:" + idB);
        assertThat(onA.next().string()).isEqualTo("has:false::0");
        onA.sendText("txt:" + idB + ":too late");
        assertThat(onA.next().string()).isEqualTo("sent:ERR_UNAVAILABLE");
        onA.close(1000, "");
    }

    @Test
    void groupsAndEndpointsReachEveryMemberOnEveryNodeOnceAndInOrder() throws Exception {
        JdkClient sender = JdkClient.connect(ClusterNodes.uri(a));
        List<JdkClient> members = new ArrayList<>();
        members.add(JdkClient.connect(ClusterNodes.uri(a)));
        members.add(JdkClient.connect(ClusterNodes.uri(b)));
        members.add(JdkClient.connect(ClusterNodes.uri(b)));
        JdkClient outsider = JdkClient.connect(ClusterNodes.uri(b));
        int senderId = id(sender);
        id(outsider);
        sender.sendText("join:room");
        assertThat(sender.next().string()).isEqualTo("joined:room");
        for (JdkClient member : members) {
            id(member);
            member.sendText("join:room");
            assertThat(member.next().string()).isEqualTo("joined:room");
        }
        awaitKnown(b, senderId);
        for (int i = 0; i < 100; i++) {
            sender.sendText("group:room:" + i);
        }
        for (JdkClient member : members) {
            for (int i = 0; i < 100; i++) {
                assertThat(member.next().string()).isEqualTo(Integer.toString(i));
            }
        }
        // Only members, not the sender, not the outsider; nothing twice.
        for (JdkClient member : members) {
            assertThat(member.poll(Duration.ofMillis(100))).isNull();
        }
        assertThat(sender.poll(Duration.ofMillis(100))).isNull();
        assertThat(outsider.poll(Duration.ofMillis(100))).isNull();

        // Every peer of the endpoint, on both nodes, but the sender.
        outsider.sendText("all:to everyone");
        for (JdkClient peer : List.of(sender, members.get(0), members.get(1), members.get(2))) {
            assertThat(peer.next().string()).isEqualTo("to everyone");
        }
        assertThat(outsider.poll(Duration.ofMillis(100))).isNull();
        sender.close(1000, "");
        members.forEach((member) -> member.close(1000, ""));
        outsider.close(1000, "");
    }

    @Test
    void entriesThatLandOutOfOrderAreDeliveredInOrderAndAGapNeverFilledIsCountedAfterTheWindow() throws Exception {
        ClusterNode nodeA = ClusterNodes.node(a);
        JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
        int idA = id(onA);
        long lostBefore = nodeA.lostMessages();
        // A sender's entries as a rewrite after a connection reset can land them: its
        // number 3
        // before its number 2 (both applied by Redis, in the other order).
        long incarnation = ThreadLocalRandom.current().nextLong();
        append(new ClusterMessage(Kind.HEARTBEAT, "node-x", incarnation, 1, new Beat(7)));
        append(new ClusterMessage(Kind.PACKET, "node-x", incarnation, 3, packetTo(idA, "second")));
        append(new ClusterMessage(Kind.PACKET, "node-x", incarnation, 2, packetTo(idA, "first")));
        assertThat(onA.next().string()).isEqualTo("first");
        assertThat(onA.next().string()).isEqualTo("second");
        assertThat(nodeA.lostMessages()).isEqualTo(lostBefore);

        // Number 4 never comes: 5 waits for it through the reorder window, then goes, 4
        // counted lost.
        long waitFrom = System.nanoTime();
        append(new ClusterMessage(Kind.PACKET, "node-x", incarnation, 5, packetTo(idA, "fifth")));
        assertThat(onA.poll(Duration.ofMillis(1000))).isNull();
        assertThat(onA.next(ClusterNode.REORDER_WINDOW.plusSeconds(10)).string()).isEqualTo("fifth");
        assertThat(Duration.ofNanos(System.nanoTime() - waitFrom)).isGreaterThanOrEqualTo(ClusterNode.REORDER_WINDOW);
        assertThat(nodeA.lostMessages()).isEqualTo(lostBefore + 1);

        // The sender leaves: node-a forgets it.
        append(new ClusterMessage(Kind.BYE, "node-x", incarnation, 6, new Empty()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodeA.otherNodes().contains("node-x"));
        assertThat(onA.poll(Duration.ofMillis(200))).isNull();
        onA.close(1000, "");
    }

    private static PacketTo packetTo(int id, String text) {
        return new PacketTo(id, true, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void append(ClusterMessage message) throws Exception {
        assertThat(redis.command(new String[] { "XADD", "peers-test:inbox:node-a", "*", "m" }, message.encode()))
            .doesNotStartWith("-");
    }

    @Test
    void garbageAndUnknownVersionsInAnInboxAreSkippedAndCounted() throws Exception {
        ClusterNode nodeA = ClusterNodes.node(a);
        long before = nodeA.malformedMessages();
        redis.command(new String[] { "XADD", "peers-test:inbox:node-a", "*", "m" },
                "not a cluster message".getBytes(StandardCharsets.UTF_8));
        redis.command(new String[] { "XADD", "peers-test:inbox:node-a", "*", "m" }, new byte[] { 9, 0, 1, 2, 3 });
        redis.command(new String[] { "XADD", "peers-test:inbox:node-a", "*", "m" }, new byte[] { 1, 4, 0 });
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.malformedMessages() >= before + 3);
        // The node still carries packets.
        JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
        JdkClient onB = JdkClient.connect(ClusterNodes.uri(b));
        int idA = id(onA);
        id(onB);
        awaitKnown(b, idA);
        onB.sendText("txt:" + idA + ":still here");
        assertThat(onB.next().string()).isEqualTo("sent:OK");
        assertThat(onA.next().string()).isEqualTo("still here");
        onA.close(1000, "");
        onB.close(1000, "");
    }

    @Test
    void zzAShutDownNodeIsForgottenAtOnceAndItsPeersGet1001() throws Exception {
        ConfigurableApplicationContext c = nodes.start("node-c", "peersocket.cluster.node-timeout=60s");
        JdkClient onC = JdkClient.connect(ClusterNodes.uri(c));
        int idC = id(onC);
        awaitKnown(a, idC);
        c.close();
        assertThat(onC.awaitClose().code()).isEqualTo(1001);
        // Far below the 60 s node timeout: the node said goodbye.
        await().atMost(Duration.ofSeconds(10))
            .until(() -> !ClusterNodes.node(a).otherNodes().contains("node-c")
                    && ClusterNodes.node(a).nodeOf(idC) == null);
    }

}
