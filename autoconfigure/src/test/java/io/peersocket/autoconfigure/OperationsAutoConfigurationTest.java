package io.peersocket.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peersocket.actuate.PeerSocketEndpoint;
import io.peersocket.actuate.PeerSocketEndpointWebExtension;
import io.peersocket.actuate.PeerSocketHealthIndicator;
import io.peersocket.actuate.PeerSocketMetrics;
import io.peersocket.internal.core.CompositePeerSocketObserver;
import io.peersocket.internal.server.PeerSocketServerFactory;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each operations piece is wired only when its library is present and, for the endpoint,
 * exposed.
 */
class OperationsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class,
                PeerSocketMetricsAutoConfiguration.class, PeerSocketHealthAutoConfiguration.class,
                PeerSocketEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
                HealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class);

    @Test
    void metersHealthAndNoEndpointUntilExposed() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(PeerSocketMetrics.class);
            assertThat(context).hasBean("peersocketHealthIndicator");
            assertThat(context).doesNotHaveBean(PeerSocketEndpoint.class);
            assertThat(context.getBean(PeerSocketServerFactory.class).runtime().observer())
                .isSameAs(context.getBean(PeerSocketMetrics.class));
            // The endpoints' gauges exist before any connection (none here: no handler
            // beans).
            assertThat(context.getBean(MeterRegistry.class).find(PeerSocketMetrics.PEERS_OPEN).gauges()).isEmpty();
        });
    }

    @Test
    void theEndpointComesWhenExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=peersocket")
            .run((context) -> assertThat(context).hasSingleBean(PeerSocketEndpoint.class)
                .hasSingleBean(PeerSocketEndpointWebExtension.class));
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
            .run((context) -> assertThat(context).doesNotHaveBean(PeerSocketEndpoint.class)
                .doesNotHaveBean(PeerSocketEndpointWebExtension.class));
        this.runner
            .withPropertyValues("management.endpoints.web.exposure.include=*",
                    "management.endpoint.peersocket.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(PeerSocketEndpoint.class));
    }

    @Test
    void applicationObserversAreComposedWithTheMeters() {
        this.runner.withUserConfiguration(RecordingObserver.class).run((context) -> {
            PeerSocketObserver observer = context.getBean(PeerSocketServerFactory.class).runtime().observer();
            assertThat(observer).isInstanceOf(CompositePeerSocketObserver.class);
            assertThat(observer.timesHandlers()).isTrue();
            observer.opened("/x");
            assertThat(context.getBean(RecordingObserver.class).events).containsExactly("opened /x");
            assertThat(context.getBean(MeterRegistry.class)
                .get(PeerSocketMetrics.PEERS_OPEN)
                .tag("endpoint", "/x")
                .gauge()
                .value()).isEqualTo(1);
        });
    }

    @Test
    void nothingWithoutTheLibrariesOrWhenTurnedOff() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasSingleBean(PeerSocketServer.class)
                .doesNotHaveBean(PeerSocketMetrics.class));
        this.runner.withClassLoader(new FilteredClassLoader(Health.class))
            .run((context) -> assertThat(context).doesNotHaveBean(PeerSocketHealthIndicator.class));
        this.runner.withPropertyValues("management.health.peersocket.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(PeerSocketHealthIndicator.class));
        this.runner.withPropertyValues("peersocket.server.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(PeerSocketServer.class)
                .doesNotHaveBean(PeerSocketMetrics.class)
                .doesNotHaveBean(PeerSocketHealthIndicator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingObserver implements PeerSocketObserver {

        final List<String> events = new ArrayList<>();

        @Override
        public void opened(String path) {
            this.events.add("opened " + path);
        }

    }

}
