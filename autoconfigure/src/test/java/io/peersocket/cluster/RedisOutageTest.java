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
 * Redis failing under two nodes: connections killed ({@code CLIENT KILL}) and Redis paused
 * ({@code CLIENT PAUSE}) mid-traffic lose nothing; Redis killed and restarted with its data gone:
 * packets sent meanwhile wait and arrive in order, the nodes register again, health says DOWN with
 * the reason meanwhile; past the outage window waiting packets are dropped and counted and sends
 * return ERR_UNAVAILABLE until Redis is back.
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
        this.nodes = new ClusterNodes(redis, prefix);
        ConfigurableApplicationContext a = this.nodes.start("node-a", properties);
        ConfigurableApplicationContext b = this.nodes.start("node-b", properties);
        JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
        JdkClient onB = JdkClient.connect(ClusterNodes.uri(b));
        onA.next();
        int idB = Integer.parseInt(onB.next().string().substring(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> ClusterNodes.node(a).nodeOf(idB) != null);
        return new Pair(a, b, onA, onB, idB);
    }

    @Test
    void connectionsKilledAndRedisPausedMidTrafficLoseNothing() throws Exception {
        Pair pair = pair("outage-kill");
        for (int i = 0; i < 600; i++) {
            pair.onA().sendText("txt:" + pair.idB() + ":" + i);
            if (i == 200) {
                assertThat(redis.command("CLIENT", "KILL", "TYPE", "normal")).doesNotStartWith("-");
            }
            if (i == 400) {
                assertThat(redis.command("CLIENT", "PAUSE", "1500", "ALL")).startsWith("+OK");
            }
        }
        for (int i = 0; i < 600; i++) {
            assertThat(pair.onA().next().string()).isEqualTo("sent:OK");
        }
        for (int i = 0; i < 600; i++) {
            assertThat(pair.onB().next(Duration.ofSeconds(20)).string()).isEqualTo(Integer.toString(i));
        }
        assertThat(pair.onB().poll(Duration.ofMillis(300))).isNull();
        assertThat(ClusterNodes.node(pair.b()).lostMessages()).isZero();
    }

    @Test
    void redisRestartedWithItsDataGoneDeliversWhatWaitedAndTheNodesRegisterAgain() throws Exception {
        Pair pair = pair("outage-restart");
        ClusterHealthIndicator health = pair.a().getBean(ClusterHealthIndicator.class);
        redis.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> health.health(true).getStatus().equals(Status.DOWN));
        Health down = health.health(true);
        assertThat(down.getDetails().get("reason").toString()).startsWith("Redis unreachable: ");
        for (int i = 0; i < 20; i++) {
            pair.onA().sendText("txt:" + pair.idB() + ":waited " + i);
            assertThat(pair.onA().next().string()).isEqualTo("sent:OK");
        }
        redis.start();
        for (int i = 0; i < 20; i++) {
            assertThat(pair.onB().next(Duration.ofSeconds(30)).string()).isEqualTo("waited " + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.command("HLEN", "outage-restart:nodes").contains(":2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> health.health(true).getStatus().equals(Status.UP));
        // Traffic goes on after the restart.
        pair.onA().sendText("txt:" + pair.idB() + ":after restart");
        assertThat(pair.onA().next().string()).isEqualTo("sent:OK");
        assertThat(pair.onB().next(Duration.ofSeconds(20)).string()).isEqualTo("after restart");
    }

    @Test
    void pastTheOutageWindowWaitingPacketsAreDroppedAndCountedAndSendsFail() throws Exception {
        Pair pair = pair("outage-window", "peersocket.cluster.outage-window=1s");
        ClusterNode nodeA = ClusterNodes.node(pair.a());
        redis.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> !nodeA.linkUp());
        // Within the window the packets wait; past it they are dropped and counted, and sends fail.
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

}
