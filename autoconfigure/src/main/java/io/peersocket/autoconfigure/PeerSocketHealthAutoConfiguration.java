package io.peersocket.autoconfigure;

import io.peersocket.actuate.PeerSocketClientsHealthIndicator;
import io.peersocket.actuate.PeerSocketHealthIndicator;
import io.peersocket.client.PeerSocketClients;
import io.peersocket.server.PeerSocketServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code peersocket} health contributor for the server (bean
 * {@code peersocketHealthIndicator}) and {@code peersocketClients} for the named client
 * connections, when Spring Boot's health support is present;
 * {@code management.health.peersocket.enabled=false} turns both off.
 */
@AutoConfiguration(after = { PeerSocketServerAutoConfiguration.class, PeerSocketClientAutoConfiguration.class },
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnEnabledHealthIndicator("peersocket")
public final class PeerSocketHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(PeerSocketServer.class)
    @ConditionalOnMissingBean(name = "peersocketHealthIndicator")
    PeerSocketHealthIndicator peersocketHealthIndicator(PeerSocketServer server, Environment environment) {
        return new PeerSocketHealthIndicator(server,
                () -> environment.getProperty("local.server.port", Integer.class, -1));
    }

    @Bean
    @ConditionalOnBean(PeerSocketClients.class)
    @ConditionalOnMissingBean(name = "peersocketClientsHealthIndicator")
    PeerSocketClientsHealthIndicator peersocketClientsHealthIndicator(PeerSocketClients clients) {
        return new PeerSocketClientsHealthIndicator(clients);
    }

}
