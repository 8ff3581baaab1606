package io.peersocket.internal.server.security;

import java.time.Instant;
import java.util.Optional;

import io.peersocket.spi.UpgradeAuthenticator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's own pair on the upgrade request: a {@link ServerAuthenticationConverter}
 * reads the credentials, a {@link ReactiveAuthenticationManager} checks them. They are the types
 * a WebFlux application already configures (bearer tokens, HTTP Basic, JWT through
 * {@code JwtReactiveAuthenticationManager}), so nothing peersocket-specific has to be written.
 * <p>
 * No credentials, or credentials the manager rejects or does not handle: 401, reason
 * {@code unauthenticated}. The log line names the exception, never the credentials.
 */
public final class SpringSecurityUpgradeAuthenticator implements UpgradeAuthenticator {

    private static final boolean OAUTH2_TOKENS = ClassUtils.isPresent(
            "org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
            SpringSecurityUpgradeAuthenticator.class.getClassLoader());

    private final ServerAuthenticationConverter converter;

    private final ReactiveAuthenticationManager manager;

    /**
     * @param converter reads the credentials of the upgrade request
     * @param manager checks them
     */
    public SpringSecurityUpgradeAuthenticator(ServerAuthenticationConverter converter,
            ReactiveAuthenticationManager manager) {
        this.converter = converter;
        this.manager = manager;
    }

    /**
     * @param name a query parameter of the upgrade request
     * @return a converter that reads a bearer token from it (needs Spring Security's OAuth2 resource server)
     */
    public static ServerAuthenticationConverter queryParameter(String name) {
        return new QueryParameterTokenConverter(name);
    }

    @Override
    public Mono<Outcome> authenticate(ServerWebExchange exchange) {
        return Mono.defer(() -> this.converter.convert(exchange))
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap((credentials) -> credentials.isEmpty()
                    ? Mono.just(unauthenticated("no credentials"))
                    : this.manager.authenticate(credentials.get())
                        .map(this::outcome)
                        .defaultIfEmpty(unauthenticated("no authentication manager accepted the "
                                + credentials.get().getClass().getSimpleName())))
            .onErrorResume(AuthenticationException.class,
                    (ex) -> Mono.just(unauthenticated(ex.getClass().getSimpleName() + ": " + ex.getMessage())));
    }

    private Outcome outcome(Authentication authentication) {
        if (!authentication.isAuthenticated()) {
            return unauthenticated("not authenticated");
        }
        return new Authenticated(authentication, expiresAt(authentication));
    }

    private static Refused unauthenticated(String detail) {
        return new Refused(HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
    }

    private static @Nullable Instant expiresAt(Authentication authentication) {
        return OAUTH2_TOKENS ? OAuth2Expiry.of(authentication) : null;
    }

    /** Kept apart so that this class loads without the OAuth2 resource server on the classpath. */
    private static final class OAuth2Expiry {

        static @Nullable Instant of(Authentication authentication) {
            if (authentication instanceof org.springframework.security.oauth2.server.resource.authentication
                    .AbstractOAuth2TokenAuthenticationToken<?> token) {
                return token.getToken().getExpiresAt();
            }
            return null;
        }

    }

}
