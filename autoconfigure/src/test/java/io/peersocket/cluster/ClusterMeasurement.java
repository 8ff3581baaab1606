package io.peersocket.cluster;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Figures for docs/cluster.md, not a test of the build (no Test suffix: run it with
 * {@code -Dtest=ClusterMeasurement}): cross-node targeted packets at a steady rate
 * (latency from the send on node A to the client of node B, one clock), and Redis XADDs
 * per group send with few and many members.
 */
class ClusterMeasurement {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    @Test
    void measure() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis, "measure")) {
            ConfigurableApplicationContext a = nodes.start("node-a");
            ConfigurableApplicationContext b = nodes.start("node-b");
            ConfigurableApplicationContext c = nodes.start("node-c");
            await().atMost(Duration.ofSeconds(30)).until(() -> ClusterNodes.node(a).otherNodes().size() == 2);
            JdkClient onB = JdkClient.connect(ClusterNodes.uri(b));
            int idB = Integer.parseInt(onB.next().string().substring(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> ClusterNodes.node(a).nodeOf(idB) != null);
            Peer remote = a.getBean(PeerSocketServer.class).getPeer(idB);

            int rate = Integer.getInteger("measure.rate", 5000);
            int seconds = 6;
            int total = rate * seconds;
            long[] latencies = new long[total];
            Thread receiver = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    JdkClient.Message message = onB.next(Duration.ofSeconds(30));
                    long sent = ByteBuffer.wrap(message.data()).getLong();
                    latencies[i] = System.nanoTime() - sent;
                }
            });
            receiver.start();
            long start = System.nanoTime();
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] data = ByteBuffer.allocate(32).putLong(System.nanoTime()).array();
                assertThat(remote.send(data, WriteMode.BINARY)).isEqualTo(PeerError.OK);
            }
            receiver.join(TimeUnit.SECONDS.toMillis(60));
            long elapsed = System.nanoTime() - start;
            // The first second warms up.
            long[] steady = Arrays.copyOfRange(latencies, rate, total);
            Arrays.sort(steady);
            System.out.printf(
                    "MEASURE targeted cross-node: %d packets at %d/s in %.2f s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    total, rate, elapsed / 1e9, steady[steady.length / 2] / 1e6,
                    steady[(int) (steady.length * 0.99)] / 1e6, steady[steady.length - 1] / 1e6);

            // XADDs per group send: 3 nodes, 1 and then 100 members per node.
            for (int perNode : new int[] { 1, 100 }) {
                List<JdkClient> members = new ArrayList<>();
                for (ConfigurableApplicationContext node : List.of(a, b, c)) {
                    for (int i = 0; i < perNode; i++) {
                        JdkClient client = JdkClient.connect(ClusterNodes.uri(node));
                        client.next();
                        client.sendText("join:m" + perNode);
                        assertThat(client.next().string()).isEqualTo("joined:m" + perNode);
                        members.add(client);
                    }
                }
                PeerGroups groups = a.getBean(PeerGroups.class);
                long before = xadds();
                int sends = 200;
                for (int i = 0; i < sends; i++) {
                    groups.sendToGroup("m" + perNode, ("x" + i).getBytes(), WriteMode.TEXT, 0);
                }
                for (JdkClient member : members) {
                    for (int i = 0; i < sends; i++) {
                        member.next(Duration.ofSeconds(30));
                    }
                }
                long after = xadds();
                System.out.printf(
                        "MEASURE group send, 3 nodes x %d members: %d XADDs for %d sends (%.2f per send, heartbeats included)%n",
                        perNode, after - before, sends, (after - before) / (double) sends);
                members.forEach(JdkClient::abort);
            }
        }
    }

    static long xadds() throws Exception {
        String info = redis.command("INFO", "commandstats");
        int at = info.indexOf("cmdstat_xadd:calls=");
        String calls = info.substring(at + "cmdstat_xadd:calls=".length());
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
    }

}
