package io.peersocket.cluster;

import java.time.Duration;

import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis down when a node starts: the application starts and serves its own peers, the
 * cluster health is DOWN with the reason, sends to a peer it cannot know return
 * ERR_UNAVAILABLE; when Redis comes up the node joins and meets another node.
 */
class RedisDownAtStartupTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer(false);

    @Test
    void theNodeStartsServesItsPeersAndJoinsWhenRedisComesUp() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis, "late-redis")) {
            ConfigurableApplicationContext a = nodes.start("node-a");
            ClusterNode nodeA = ClusterNodes.node(a);
            ClusterHealthIndicator health = a.getBean(ClusterHealthIndicator.class);
            Health down = health.health(true);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("reason").toString()).startsWith("Redis unreachable: ");
            assertThat(nodeA.joined()).isFalse();

            JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
            int idA = Integer.parseInt(onA.next().string().substring(3));
            onA.sendText("has:" + idA);
            assertThat(onA.next().string()).startsWith("has:true:127.0.0.1:");
            onA.sendText("txt:" + idA + ":local");
            assertThat(onA.next().string()).isEqualTo("local");
            assertThat(onA.next().string()).isEqualTo("sent:OK");
            onA.sendText("txt:12345:nobody");
            assertThat(onA.next().string()).isEqualTo("sent:ERR_UNAVAILABLE");

            redis.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> nodeA.joined() && nodeA.linkUp());
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
            ConfigurableApplicationContext b = nodes.start("node-b");
            JdkClient onB = JdkClient.connect(ClusterNodes.uri(b));
            onB.next();
            await().atMost(Duration.ofSeconds(30)).until(() -> ClusterNodes.node(b).nodeOf(idA) != null);
            onB.sendText("bin:" + idA + ":hello late");
            assertThat(onB.next().string()).isEqualTo("sent:OK");
            assertThat(new String(onA.next(Duration.ofSeconds(20)).data())).isEqualTo("hello late");
        }
    }

}
