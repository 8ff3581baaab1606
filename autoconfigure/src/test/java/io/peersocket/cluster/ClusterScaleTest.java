package io.peersocket.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes with 300 peers each, all in one group: every peer id is unique across the cluster
 * and made from its node's prefix; 20 group packets and 20 endpoint packets reach each of the 899
 * other peers exactly once and in the order sent.
 */
class ClusterScaleTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    static final int PER_NODE = 300;

    @Test
    void groupAndEndpointSendsReachEveryPeerOfThreeNodesOnceAndInOrder() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis, "scale-test")) {
            List<ConfigurableApplicationContext> contexts = List.of(nodes.start("node-1"), nodes.start("node-2"),
                    nodes.start("node-3"));
            await().atMost(Duration.ofSeconds(30))
                .until(() -> contexts.stream().allMatch((c) -> ClusterNodes.node(c).otherNodes().size() == 2));
            List<JdkClient> clients = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            try {
                for (ConfigurableApplicationContext context : contexts) {
                    int prefix = ClusterNodes.node(context).prefix();
                    for (int i = 0; i < PER_NODE; i++) {
                        JdkClient client = JdkClient.connect(ClusterNodes.uri(context));
                        clients.add(client);
                        int id = Integer.parseInt(client.next().string().substring(3));
                        assertThat(ids.add(id)).as("id %d given twice", id).isTrue();
                        assertThat(ClusterIds.prefixOf(id)).isEqualTo(prefix);
                        client.sendText("join:everyone");
                    }
                }
                for (JdkClient client : clients) {
                    assertThat(client.next().string()).isEqualTo("joined:everyone");
                }
                // Every node knows every peer before the sends.
                await().atMost(Duration.ofSeconds(30)).until(() -> contexts.stream()
                    .allMatch((c) -> ClusterNodes.node(c).remotePeers().size() == 2 * PER_NODE));

                JdkClient sender = clients.get(PER_NODE + 7);
                for (int i = 0; i < 20; i++) {
                    sender.sendText("group:everyone:g" + i);
                }
                for (int i = 0; i < 20; i++) {
                    sender.sendText("all:e" + i);
                }
                for (JdkClient client : clients) {
                    if (client == sender) {
                        continue;
                    }
                    for (int i = 0; i < 20; i++) {
                        assertThat(client.next(Duration.ofSeconds(30)).string()).isEqualTo("g" + i);
                    }
                    for (int i = 0; i < 20; i++) {
                        assertThat(client.next(Duration.ofSeconds(30)).string()).isEqualTo("e" + i);
                    }
                }
                // Nothing twice, nothing to the sender.
                for (JdkClient client : clients) {
                    assertThat(client.poll(Duration.ofMillis(1))).isNull();
                }
                assertThat(sender.poll(Duration.ofMillis(300))).isNull();
                for (ConfigurableApplicationContext context : contexts) {
                    assertThat(ClusterNodes.node(context).lostMessages()).isZero();
                }
            }
            finally {
                clients.forEach(JdkClient::abort);
            }
        }
    }

}
