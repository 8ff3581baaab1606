package io.peersocket.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Nodes of a test cluster as Spring Boot contexts in this JVM, each with its server, port and Redis connections. */
final class ClusterNodes implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final RedisServer redis;

    private final String keyPrefix;

    ClusterNodes(RedisServer redis, String keyPrefix) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
    }

    ConfigurableApplicationContext start(String node, String... properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterTestApplication.class)
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
