package io.peersocket.autoconfigure;

import java.util.List;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.peersocket.actuate.PeerSocketMetrics;
import io.peersocket.server.PeerSocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the peersocket server ({@code peersocket.*}), when Micrometer and
 * a {@link MeterRegistry} are present. The meters are a {@code PeerSocketObserver} bean,
 * which the server composes with any other observer beans.
 */
@AutoConfiguration(after = PeerSocketServerAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, PeerSocketServer.class })
public final class PeerSocketMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PeerSocketMetrics peerSocketMetrics(ObjectProvider<PeerSocketServer> server) {
        return new PeerSocketMetrics("server", () -> List.copyOf(server.getObject().endpointProtocols().keySet()));
    }

    /**
     * Micrometer's executor meters ({@code executor.*}, tagged
     * {@code name=peersocket.handler}) for the handler pool, which is no {@code Executor}
     * bean and so escapes Boot's executor metrics. None on virtual threads, where there
     * is no pool.
     */
    @Bean
    @ConditionalOnBean(PeerSocketServerAutoConfiguration.PeerSocketHandlerThreads.class)
    MeterBinder peerSocketHandlerExecutorMetrics(PeerSocketServerAutoConfiguration.PeerSocketHandlerThreads threads) {
        ExecutorService pool = threads.handlerPool();
        return (registry) -> {
            if (pool != null) {
                new ExecutorServiceMetrics(pool, "peersocket.handler", Tags.empty()).bindTo(registry);
            }
        };
    }

}
