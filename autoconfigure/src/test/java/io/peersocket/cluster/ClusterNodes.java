package io.peersocket.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nodes of a test cluster as Spring Boot contexts in this JVM, each with its server, port
 * and Redis connections. Nodes in JVMs of their own: {@link NodeProcess}.
 */
final class ClusterNodes implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final RedisServer redis;

    private final String keyPrefix;

    ClusterNodes(RedisServer redis, String keyPrefix) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
    }

    ConfigurableApplicationContext start(String node, String... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ClusterTestApplication.class);
        if (RedisServer.runningContainer() != null) {
            // On Docker: Spring Boot's own service connection to the container, over the
            // properties.
            builder.sources(RedisContainerConnection.class);
        }
        ConfigurableApplicationContext context = builder
            .properties("spring.main.web-application-type=none", "peersocket.server.port=0",
                    "peersocket.cluster.enabled=true", "peersocket.cluster.node-id=" + node,
                    "peersocket.cluster.key-prefix=" + this.keyPrefix, "peersocket.cluster.node-timeout=3s",
                    "spring.main.banner-mode=off")
            .properties(this.redis.properties())
            .properties(properties)
            .run();
        this.contexts.add(context);
        return context;
    }

    /**
     * The Redis container as a {@code @ServiceConnection}, when the tests run on Docker.
     */
    @Configuration(proxyBeanMethods = false)
    static class RedisContainerConnection {

        // The container is the extension's, shared by the nodes and restarted by tests:
        // Spring Boot starts and
        // stops a Startable bean with the context, so the bean is a view of it that is
        // not Startable.
        @Bean(destroyMethod = "")
        @ServiceConnection(name = "redis")
        Container<?> redisContainer() {
            GenericContainer<?> container = Objects.requireNonNull(RedisServer.runningContainer(),
                    "the Redis container stopped");
            return (Container<?>) Proxy.newProxyInstance(Container.class.getClassLoader(),
                    new Class<?>[] { Container.class }, (proxy, method, args) -> {
                        try {
                            return method.invoke(container, args);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }

    }

    static URI uri(ConfigurableApplicationContext context) {
        int port = context.getEnvironment().getRequiredProperty("local.peersocket.port", Integer.class);
        return URI.create("ws://127.0.0.1:" + port + "/cluster");
    }

    static ClusterNode node(ConfigurableApplicationContext context) {
        return context.getBean(ClusterNode.class);
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : this.contexts) {
            try {
                context.close();
            }
            catch (RuntimeException ex) {
                // the next still closes
            }
        }
    }

}
