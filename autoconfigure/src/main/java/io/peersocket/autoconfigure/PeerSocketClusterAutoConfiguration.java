package io.peersocket.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.cluster.ClusterEndpoint;
import io.peersocket.cluster.ClusterHealthIndicator;
import io.peersocket.cluster.ClusterMetrics;
import io.peersocket.cluster.ClusterNode;
import io.peersocket.cluster.PeerGroups;
import io.peersocket.cluster.PeerSocketClusterProperties;
import io.peersocket.internal.server.DefaultPeerSocketServer;
import io.peersocket.internal.server.PeerSocketServerFactory;
import io.peersocket.server.PeerSocketServer;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Several instances as one server through Redis ({@link ClusterNode},
 * {@link PeerGroups}), when {@code peersocket.cluster.enabled=true} and Spring Data Redis
 * is present; Redis comes from Boot's own {@code spring.data.redis.*}. Adds the
 * {@code peersocketCluster} health contributor and the {@code peersocket.cluster.*}
 * meters and the {@code peersocketcluster} endpoint when actuator is there.
 */
@AutoConfiguration(after = PeerSocketServerAutoConfiguration.class,
        afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, reactor.core.publisher.Flux.class })
@ConditionalOnProperty(prefix = "peersocket.cluster", name = "enabled", havingValue = "true")
@ConditionalOnBean({ PeerSocketServer.class, ReactiveRedisConnectionFactory.class })
@EnableConfigurationProperties(PeerSocketClusterProperties.class)
public final class PeerSocketClusterAutoConfiguration {

    // The cluster hooks into the server that the auto-configuration assembles (its
    // registry, its
    // endpoints, the relays as built), so it takes the assembled types, not the API's.
    @Bean
    @ConditionalOnMissingBean
    ClusterNode peersocketClusterNode(DefaultPeerSocketServer server, PeerSocketServerFactory factory,
            ReactiveRedisConnectionFactory redis, PeerSocketClusterProperties properties) {
        return new ClusterNode(server, factory.relayImplementations(), redis, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    PeerGroups peersocketGroups(DefaultPeerSocketServer server, ClusterNode cluster) {
        return new PeerGroups(server, cluster);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Health.class)
    static class ClusterHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "peersocketClusterHealthIndicator")
        ClusterHealthIndicator peersocketClusterHealthIndicator(ClusterNode cluster) {
            return new ClusterHealthIndicator(cluster);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(ClusterEndpoint.class)
    static class ClusterEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClusterEndpoint peersocketClusterEndpoint(ClusterNode cluster, DefaultPeerSocketServer server) {
            return new ClusterEndpoint(cluster, server);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class ClusterMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClusterMetrics peersocketClusterMetrics(ClusterNode cluster, DefaultPeerSocketServer server) {
            return new ClusterMetrics(cluster, server);
        }

    }

}
