package io.peersocket.cluster;

import java.time.Duration;

import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis failing under two nodes of this JVM, where the test reads the nodes' own beans:
 * past the outage window waiting packets are dropped and counted and sends return
 * ERR_UNAVAILABLE until Redis is back. Connections killed, Redis paused and Redis
 * restarted under nodes in JVMs of their own: {@link ClusterProcessesTest}.
 */
class RedisOutageTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    ClusterNodes nodes;

    @AfterEach
    void stop() throws Exception {
        redis.start();
        if (this.nodes != null) {
            this.nodes.close();
        }
    }

    record Pair(ConfigurableApplicationContext a, ConfigurableApplicationContext b, JdkClient onA, JdkClient onB,
            int idB) {
    }

    Pair pair(String prefix, String... properties) {
        return pairWithB(prefix, properties, new String[0]);
    }

    Pair pairWithB(String prefix, String[] properties, String[] onlyB) {
        this.nodes = new ClusterNodes(redis, prefix);
        ConfigurableApplicationContext a = this.nodes.start("node-a", properties);
        String[] forB = java.util.stream.Stream
            .concat(java.util.Arrays.stream(properties), java.util.Arrays.stream(onlyB))
            .toArray(String[]::new);
        ConfigurableApplicationContext b = this.nodes.start("node-b", forB);
        JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
        JdkClient onB = JdkClient.connect(ClusterNodes.uri(b));
        onA.next();
        int idB = Integer.parseInt(onB.next().string().substring(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> ClusterNodes.node(a).nodeOf(idB) != null);
        return new Pair(a, b, onA, onB, idB);
    }

    @Test
    void pastTheOutageWindowWaitingPacketsAreDroppedAndCountedAndSendsFail() throws Exception {
        Pair pair = pair("outage-window", "peersocket.cluster.outage-window=1s");
        ClusterNode nodeA = ClusterNodes.node(pair.a());
        ClusterHealthIndicator health = pair.a().getBean(ClusterHealthIndicator.class);
        redis.kill();
        // At once, before the node notices: this one waits, and is dropped when the
        // window ends (on a busy
        // machine the window may end before the loop below sends anything).
        pair.onA().sendText("txt:" + pair.idB() + ":lost first");
        assertThat(pair.onA().next().string()).isEqualTo("sent:OK");
        await().atMost(Duration.ofSeconds(20)).until(() -> !nodeA.linkUp());
        Health down = health.health(true);
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("reason").toString()).startsWith("Redis unreachable: ");
        // Within the window the packets wait; past it they are dropped and counted, and
        // sends fail.
        String answer = "";
        for (int i = 0; i < 200 && !answer.equals("sent:ERR_UNAVAILABLE"); i++) {
            pair.onA().sendText("txt:" + pair.idB() + ":lost " + i);
            answer = pair.onA().next().string();
            Thread.sleep(50);
        }
        assertThat(answer).isEqualTo("sent:ERR_UNAVAILABLE");
        await().atMost(Duration.ofSeconds(20)).until(() -> nodeA.lostMessages() > 0 && nodeA.queuedMessages() == 0);
        redis.start();
        await().atMost(Duration.ofSeconds(20)).until(nodeA::linkUp);
        await().atMost(Duration.ofSeconds(20)).until(() -> health.health(true).getStatus().equals(Status.UP));
        pair.onA().sendText("txt:" + pair.idB() + ":back");
        assertThat(pair.onA().next().string()).isEqualTo("sent:OK");
        // What was dropped never comes; what is sent after Redis is back does.
        JdkClient.Message next;
        do {
            next = pair.onB().next(Duration.ofSeconds(20));
        }
        while (next.string().startsWith("lost "));
        assertThat(next.string()).isEqualTo("back");
    }

    @Test
    void connectionsKilledAgainAndAgainMidTrafficLoseNothing() throws Exception {
        Pair pair = pair("kill-loop");
        ClusterNode nodeB = ClusterNodes.node(pair.b());
        int rounds = 10;
        int perRound = 400;
        for (int round = 0; round < rounds; round++) {
            int first = round * perRound;
            for (int i = 0; i < perRound; i++) {
                pair.onA().sendText("txt:" + pair.idB() + ":" + (first + i));
                if (i % 100 == 50) {
                    // Every connection of both nodes, writer and reader, cut mid-stream.
                    assertThat(redis.command("CLIENT", "KILL", "TYPE", "normal")).doesNotStartWith("-");
                }
            }
            for (int i = 0; i < perRound; i++) {
                assertThat(pair.onA().next(Duration.ofSeconds(30)).string()).isEqualTo("sent:OK");
            }
            for (int i = 0; i < perRound; i++) {
                assertThat(pair.onB().next(Duration.ofSeconds(30)).string()).isEqualTo(Integer.toString(first + i));
            }
        }
        assertThat(pair.onB().poll(Duration.ofMillis(300))).isNull();
        System.out.println("Connections killed " + rounds * perRound / 100 + " times amid " + rounds * perRound
                + " packets: lost " + nodeB.lostMessages() + ", read twice " + nodeB.duplicateMessages());
        assertThat(nodeB.lostMessages()).isZero();
    }

    @Test
    void aNodeCutOffLongerThanTheNodeTimeoutButWithinTheOutageWindowFindsWhatWasSentToIt() throws Exception {
        // Node b logs in as a user of its own, so that Redis can refuse it alone.
        assertThat(redis.command("ACL", "SETUSER", "cut-off", "on", ">cut-off-secret", "~*", "&*", "+@all"))
            .startsWith("+OK");
        Pair pair = pairWithB("cut-off", new String[] { "peersocket.cluster.node-timeout=1s" },
                new String[] { "spring.data.redis.username=cut-off", "spring.data.redis.password=cut-off-secret" });
        ClusterNode nodeA = ClusterNodes.node(pair.a());
        ClusterNode nodeB = ClusterNodes.node(pair.b());
        long forgottenBefore = nodeA.forgottenNodes();
        // Node b loses Redis (its connections cut, logging in again refused); node a
        // keeps it.
        assertThat(redis.command("ACL", "SETUSER", "cut-off", "off")).startsWith("+OK");
        assertThat(redis.command("CLIENT", "KILL", "USER", "cut-off")).doesNotStartWith("-");
        // Sent while node a still counts node b in: Redis takes them into b's inbox.
        for (int i = 0; i < 50; i++) {
            pair.onA().sendText("txt:" + pair.idB() + ":" + i);
            assertThat(pair.onA().next().string()).isEqualTo("sent:OK");
        }
        // Past the node timeout node a forgets node b, which is still well within its
        // outage window.
        await().atMost(Duration.ofSeconds(20)).until(() -> nodeA.forgottenNodes() > forgottenBefore);
        assertThat(redis.command("ACL", "SETUSER", "cut-off", "on")).startsWith("+OK");
        await().atMost(Duration.ofSeconds(30)).until(nodeB::linkUp);
        for (int i = 0; i < 50; i++) {
            assertThat(pair.onB().next(Duration.ofSeconds(30)).string()).isEqualTo(Integer.toString(i));
        }
        assertThat(nodeB.lostMessages()).isZero();
        // Node b is back in the cluster: node a reaches its peer again.
        await().atMost(Duration.ofSeconds(30)).until(() -> nodeA.nodeOf(pair.idB()) != null);
    }

}
