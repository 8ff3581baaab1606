package io.peersocket.cluster;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node killed with SIGKILL (a separate JVM, so the kill is real: no shutdown hook, no goodbye):
 * within the node timeout the other node forgets it and its peers ({@code hasPeer} false, sends
 * ERR_UNAVAILABLE, the cluster gauges count one node and no remote peer).
 */
class NodeKillTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    @Test
    void aKilledNodeAndItsPeersAreForgottenWithinTheNodeTimeout() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis, "kill-test")) {
            ConfigurableApplicationContext a = nodes.start("node-a", "peersocket.cluster.node-timeout=3s");
            int port = freePort();
            Process b = startNodeProcess("node-b", port);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> ClusterNodes.node(a).otherNodes().contains("node-b"));
                JdkClient onB = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/cluster"));
                int idB = Integer.parseInt(onB.next().string().substring(3));
                JdkClient onA = JdkClient.connect(ClusterNodes.uri(a));
                onA.next();
                await().atMost(Duration.ofSeconds(10)).until(() -> ClusterNodes.node(a).nodeOf(idB) != null);
                onA.sendText("txt:" + idB + ":before the kill");
                assertThat(onA.next().string()).isEqualTo("sent:OK");
                assertThat(onB.next().string()).isEqualTo("before the kill");
                MeterRegistry meters = a.getBean(MeterRegistry.class);
                assertThat(meters.get("peersocket.cluster.nodes").gauge().value()).isEqualTo(2);
                assertThat(meters.get("peersocket.cluster.peers").gauge().value()).isEqualTo(2);

                b.destroyForcibly();
                assertThat(b.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                // The 3 s node timeout, then a heartbeat period: bounded well above both.
                await().atMost(Duration.ofSeconds(15)).until(() -> ClusterNodes.node(a).nodeOf(idB) == null);
                onA.sendText("has:" + idB);
                assertThat(onA.next().string()).isEqualTo("has:false::0");
                onA.sendText("txt:" + idB + ":after the kill");
                assertThat(onA.next().string()).isEqualTo("sent:ERR_UNAVAILABLE");
                assertThat(ClusterNodes.node(a).otherNodes()).isEmpty();
                assertThat(ClusterNodes.node(a).forgottenNodes()).isEqualTo(1);
                assertThat(meters.get("peersocket.cluster.nodes").gauge().value()).isEqualTo(1);
                assertThat(meters.get("peersocket.cluster.peers").gauge().value()).isEqualTo(1);
                assertThat(a.getBean(ClusterHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
                // Its registry entry is gone too: a node starting now does not wait for it.
                assertThat(redis.command("HEXISTS", "kill-test:nodes", "node-b")).contains(":0");
                onA.close(1000, "");
            }
            finally {
                b.destroyForcibly();
            }
        }
    }

    static Process startNodeProcess(String node, int port) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("cluster-" + node, ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, ClusterTestApplication.class.getName(),
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--peersocket.server.port=" + port, "--peersocket.cluster.enabled=true",
                "--peersocket.cluster.node-id=" + node, "--peersocket.cluster.key-prefix=kill-test",
                "--peersocket.cluster.node-timeout=3s"));
        for (String property : redis.properties()) {
            command.add("--" + property);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
