package io.peersocket.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.peersocket.internal.server.reactive.DedicatedPortServer;
import io.peersocket.observation.PeerSocketHandlerObservationConvention;
import io.peersocket.observation.PeerSocketHandlerScope;
import io.peersocket.observation.PeerSocketHandshakeObservationConvention;
import io.peersocket.observation.PeerSocketHandshakeObservations;
import io.peersocket.spi.HandlerScope;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.WebApplicationContext;

/**
 * Observations of the server's handshakes and handler calls, through the application's
 * {@link ObservationRegistry} when it has one (none: no observation is made, and a
 * handler call costs only the MDC), and the MDC on handler threads. The server takes the
 * {@link HandlerScope} bean; the handshake observations are a {@code PeerSocketObserver}
 * bean it composes with the others.
 */
@AutoConfiguration(before = PeerSocketServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "peersocket.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PeerSocketProperties.class)
public final class PeerSocketObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(HandlerScope.class)
    PeerSocketHandlerScope peerSocketHandlerScope(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<PeerSocketHandlerObservationConvention> convention, PeerSocketProperties properties) {
        return new PeerSocketHandlerScope(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention.getIfAvailable(), properties.getServer().isHandlerMdc());
    }

    @Bean
    @ConditionalOnMissingBean
    PeerSocketHandshakeObservations peerSocketHandshakeObservations(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<PeerSocketHandshakeObservationConvention> convention,
            ObjectProvider<DedicatedPortServer> dedicatedPort, ApplicationContext context) {
        return new PeerSocketHandshakeObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention.getIfAvailable(), () -> transport(dedicatedPort, context));
    }

    // The same choice as PeerSocketServerAutoConfiguration: the dedicated port when it
    // exists,
    // else the application's own server.
    private static String transport(ObjectProvider<DedicatedPortServer> dedicatedPort, ApplicationContext context) {
        if (dedicatedPort.getIfAvailable() != null) {
            return "dedicated-port";
        }
        return (context instanceof WebApplicationContext) ? "servlet" : "reactive";
    }

}
