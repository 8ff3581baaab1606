package io.peersocket.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.peersocket.actuate.PeerSocketClientMetrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the peersocket clients ({@code peersocket.*} tagged
 * {@code role=client}), when Micrometer and a {@link MeterRegistry} are present; the
 * client builder takes them.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "peersocket.client.enabled", matchIfMissing = true)
public final class PeerSocketClientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PeerSocketClientMetrics peerSocketClientMetrics() {
        return new PeerSocketClientMetrics();
    }

}
