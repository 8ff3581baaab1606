package io.peersocket.autoconfigure;

import io.peersocket.actuate.PeerSocketEndpoint;
import io.peersocket.actuate.PeerSocketEndpointWebExtension;
import io.peersocket.server.PeerSocketServer;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code peersocket} actuator endpoint, when actuator is present and the application
 * exposes the endpoint
 * ({@code management.endpoints.web.exposure.include=...,peersocket}).
 */
@AutoConfiguration(after = PeerSocketServerAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(PeerSocketServer.class)
@ConditionalOnAvailableEndpoint(PeerSocketEndpoint.class)
public final class PeerSocketEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PeerSocketEndpoint peerSocketEndpoint(PeerSocketServer server) {
        return new PeerSocketEndpoint(server);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PeerSocketEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    PeerSocketEndpointWebExtension peerSocketEndpointWebExtension(PeerSocketEndpoint endpoint) {
        return new PeerSocketEndpointWebExtension(endpoint);
    }

}
