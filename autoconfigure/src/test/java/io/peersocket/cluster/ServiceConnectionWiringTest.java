package io.peersocket.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Docker variant's wiring, checked where there is no Docker: an in-JVM node takes the
 * running container as Spring Boot's {@code @ServiceConnection} (over a wrong
 * {@code spring.data.redis.port}), and the context neither starts nor stops the
 * container, which the extension owns and shares. The container here is not run: it names
 * the real redis-server of the binary variant.
 */
class ServiceConnectionWiringTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    /**
     * A container that says where the binary listens, and fails if anybody starts it, or
     * records a stop.
     */
    static final class BinaryAsContainer extends GenericContainer<BinaryAsContainer> {

        volatile boolean stopped;

        BinaryAsContainer() {
            super(DockerImageName.parse("redis:7"));
        }

        @Override
        public String getHost() {
            return "127.0.0.1";
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return redis.port();
        }

        @Override
        public void start() {
            throw new AssertionError("the container is the extension's: a node context must not start it");
        }

        @Override
        public void stop() {
            // Recorded, not thrown: a failure while a context closes is only logged.
            this.stopped = true;
        }

    }

    @Test
    void inJvmNodesTakeTheContainerAsAServiceConnection() {
        if (redis.isContainer()) {
            return; // on Docker every cluster test takes this path for real
        }
        BinaryAsContainer container = new BinaryAsContainer();
        RedisServer.runningContainer(container);
        try (ClusterNodes nodes = new ClusterNodes(redis, "service-connection")) {
            ConfigurableApplicationContext node = nodes.start("node-a", "spring.data.redis.port=1");
            assertThat(node.getBeansOfType(DataRedisConnectionDetails.class).values()).singleElement()
                .satisfies((details) -> assertThat(details.getClass().getName())
                    .contains("RedisContainerConnectionDetails"));
            await().atMost(Duration.ofSeconds(20))
                .until(() -> ClusterNodes.node(node).joined() && ClusterNodes.node(node).linkUp());
        }
        finally {
            RedisServer.runningContainer(null);
        }
        assertThat(container.stopped).as("the node's context stopped the shared container").isFalse();
    }

}
