package io.peersocket.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.peersocket.internal.server.PeerSocketServerFactory;
import io.peersocket.internal.server.security.SpringSecurityUpgradeAuthenticator;
import io.peersocket.spi.UpgradeAuthenticator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;

/**
 * Authentication before the upgrade on the dedicated port, which no servlet filter or
 * WebFlux security chain protects. Spring Security's own types do the work, so an
 * application reuses what it already has instead of implementing a peersocket interface:
 * a {@code JwtDecoder} or {@code ReactiveJwtDecoder} bean (Spring Boot's resource-server
 * support makes one from {@code spring.security.oauth2.resourceserver.jwt.*}) checks
 * bearer tokens; otherwise a {@link ReactiveAuthenticationManager} bean checks what the
 * converter reads (bearer token, HTTP Basic). With none of them, or without Spring
 * Security, the dedicated port lets everyone in. An {@link UpgradeAuthenticator} bean of
 * the application replaces all of this.
 */
@AutoConfiguration(before = PeerSocketServerAutoConfiguration.class, afterName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnClass({ ReactiveAuthenticationManager.class, ServerAuthenticationConverter.class })
@ConditionalOnBooleanProperty(name = "peersocket.server.enabled", matchIfMissing = true)
@Conditional(OnDedicatedPort.class)
@EnableConfigurationProperties(PeerSocketProperties.class)
public final class PeerSocketSecurityAutoConfiguration {

    private static final Log logger = LogFactory.getLog(PeerSocketSecurityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(UpgradeAuthenticator.class)
    @ConditionalOnBean(ReactiveAuthenticationManager.class)
    UpgradeAuthenticator peerSocketUpgradeAuthenticator(PeerSocketProperties properties,
            PeerSocketServerFactory factory, ReactiveAuthenticationManager manager,
            ObjectProvider<ServerAuthenticationConverter> converter) {
        logger.info("peersocket dedicated port: upgrades authenticated by " + manager.getClass().getSimpleName());
        return new SpringSecurityUpgradeAuthenticator(
                converter.getIfAvailable(() -> defaultConverter(properties.getServer().getAuth().getQueryParameter())),
                manager, anonymousPaths(properties, factory));
    }

    /**
     * Bearer tokens checked by the application's JWT decoder, as Spring Security's
     * resource server does.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ JwtDecoder.class, JwtReactiveAuthenticationManager.class })
    static class JwtConfiguration {

        @Bean
        @ConditionalOnMissingBean(UpgradeAuthenticator.class)
        @ConditionalOnBean(ReactiveJwtDecoder.class)
        UpgradeAuthenticator peerSocketReactiveJwtUpgradeAuthenticator(PeerSocketProperties properties,
                PeerSocketServerFactory factory, ReactiveJwtDecoder decoder,
                ObjectProvider<ServerAuthenticationConverter> converter) {
            return jwt(properties, factory, decoder, converter);
        }

        @Bean
        @ConditionalOnMissingBean(UpgradeAuthenticator.class)
        @ConditionalOnBean(JwtDecoder.class)
        UpgradeAuthenticator peerSocketJwtUpgradeAuthenticator(PeerSocketProperties properties,
                PeerSocketServerFactory factory, JwtDecoder decoder,
                ObjectProvider<ServerAuthenticationConverter> converter) {
            return jwt(properties, factory, reactive(decoder), converter);
        }

        private static UpgradeAuthenticator jwt(PeerSocketProperties properties, PeerSocketServerFactory factory,
                ReactiveJwtDecoder decoder, ObjectProvider<ServerAuthenticationConverter> converter) {
            logger.info("peersocket dedicated port: upgrades authenticated by bearer JWT");
            return new SpringSecurityUpgradeAuthenticator(
                    converter
                        .getIfAvailable(() -> defaultConverter(properties.getServer().getAuth().getQueryParameter())),
                    new JwtReactiveAuthenticationManager(decoder), anonymousPaths(properties, factory));
        }

        // A JwtDecoder may block (it can fetch keys): off the event loop.
        private static ReactiveJwtDecoder reactive(JwtDecoder decoder) {
            return (token) -> Mono.fromCallable(() -> decoder.decode(token)).subscribeOn(Schedulers.boundedElastic());
        }

    }

    // Checked here, where it takes effect: without an authenticator every path is
    // anonymous anyway.
    private static Set<String> anonymousPaths(PeerSocketProperties properties, PeerSocketServerFactory factory) {
        List<String> paths = properties.getServer().getAuth().getAnonymousPaths();
        EndpointPaths.check("peersocket.server.auth.anonymous-paths", paths, factory.endpoints());
        return Set.copyOf(paths);
    }

    /**
     * The Authorization header (bearer, then basic), then the query parameter when
     * configured. Spring Security's bearer converter reads only the header here: its own
     * query support has a fixed name and refuses a request that also has the header.
     */
    static ServerAuthenticationConverter defaultConverter(@Nullable String queryParameter) {
        List<ServerAuthenticationConverter> converters = new ArrayList<>();
        if (isPresent(
                "org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken")) {
            converters.add(new ServerBearerTokenAuthenticationConverter());
            if (queryParameter != null && !queryParameter.isBlank()) {
                converters.add(SpringSecurityUpgradeAuthenticator.queryParameter(queryParameter));
            }
        }
        converters.add(new ServerHttpBasicAuthenticationConverter());
        return new DelegatingServerAuthenticationConverter(converters);
    }

    private static boolean isPresent(String className) {
        return org.springframework.util.ClassUtils.isPresent(className,
                PeerSocketSecurityAutoConfiguration.class.getClassLoader());
    }

}
