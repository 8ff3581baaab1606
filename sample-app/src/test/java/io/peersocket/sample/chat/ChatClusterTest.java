package io.peersocket.sample.chat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.peersocket.cluster.ClusterNode;
import io.peersocket.sample.SampleApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code cluster} profile: two instances on one real redis-server (Debian's binary,
 * started on a free loopback port); a member of the chat on each instance sees the other join and
 * they exchange messages. Skipped without the binary, unless {@code peersocket.peers.required}.
 */
class ChatClusterTest {

    @Test
    void membersOnTwoInstancesChatWithEachOther() throws Exception {
        File binary = new File("/usr/bin/redis-server");
        if (!binary.canExecute()) {
            assertThat(Boolean.getBoolean("peersocket.peers.required")).as("redis-server is required").isFalse();
            Assumptions.abort("redis-server is missing (apt-get install redis-server)");
        }
        int redisPort = freePort();
        Process redis = new ProcessBuilder(List.of(binary.getPath(), "--port", Integer.toString(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> answers(redisPort));
            try (ConfigurableApplicationContext one = instance(redisPort, "sample-1");
                    ConfigurableApplicationContext two = instance(redisPort, "sample-2")) {
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> one.getBean(ClusterNode.class).otherNodes().contains("sample-2")
                            && two.getBean(ClusterNode.class).otherNodes().contains("sample-1"));
                try (ChatClient ada = ChatClient.join(wsPort(one), "Ada")) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> two.getBean(ClusterNode.class).remotePeers().size() == 1);
                    try (ChatClient grace = ChatClient.join(wsPort(two), "Grace")) {
                        assertThat(ada.expect("joined").path("name").asString()).isEqualTo("Grace");
                        grace.send(Map.of("type", "say", "text", "Hello from the other instance"));
                        for (ChatClient member : new ChatClient[] { ada, grace }) {
                            JsonNode message = member.expect("message");
                            assertThat(message.path("name").asString()).isEqualTo("Grace");
                            assertThat(message.path("text").asString()).isEqualTo("Hello from the other instance");
                        }
                        ada.send(Map.of("type", "say", "text", "Hi Grace"));
                        assertThat(grace.expect("message").path("text").asString()).isEqualTo("Hi Grace");
                        assertThat(ada.expect("message").path("text").asString()).isEqualTo("Hi Grace");
                    }
                    assertThat(ada.expect("left").path("name").asString()).isEqualTo("Grace");
                }
            }
        }
        finally {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static ConfigurableApplicationContext instance(int redisPort, String node) {
        // Arguments, not default properties: they must win over application-cluster.yml.
        return new SpringApplicationBuilder(SampleApplication.class).profiles("cluster")
            .run("--server.port=0", "--peersocket.server.port=0", "--spring.data.redis.port=" + redisPort,
                    "--spring.data.redis.host=127.0.0.1", "--peersocket.cluster.node-id=" + node,
                    "--peersocket.cluster.key-prefix=sample-chat-test");
    }

    private static int wsPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.peersocket.port", Integer.class);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
