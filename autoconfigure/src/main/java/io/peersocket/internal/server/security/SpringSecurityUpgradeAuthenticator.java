package io.peersocket.internal.server.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.peersocket.spi.UpgradeAuthenticator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's own pair on the upgrade request: a
 * {@link ServerAuthenticationConverter} reads the credentials, a
 * {@link ReactiveAuthenticationManager} checks them. They are the types a WebFlux
 * application already configures (bearer tokens, HTTP Basic, JWT through
 * {@code JwtReactiveAuthenticationManager}), so nothing peersocket-specific has to be
 * written.
 * <p>
 * No credentials, or credentials the manager rejects or does not handle: 401, reason
 * {@code unauthenticated}. The log line names the exception, never the credentials. On
 * the anonymous paths ({@code peersocket.server.auth.anonymous-paths}) a client that
 * sends no credentials connects without a principal; credentials it does send are still
 * checked, so that a bad token is refused rather than silently ignored.
 */
public final class SpringSecurityUpgradeAuthenticator implements UpgradeAuthenticator {

    private final ServerAuthenticationConverter converter;

    private final ReactiveAuthenticationManager manager;

    private final Set<String> anonymousPaths;

    /**
     * @param converter reads the credentials of the upgrade request
     * @param manager checks them
     */
    public SpringSecurityUpgradeAuthenticator(ServerAuthenticationConverter converter,
            ReactiveAuthenticationManager manager) {
        this(converter, manager, Set.of());
    }

    /**
     * @param converter reads the credentials of the upgrade request
     * @param manager checks them
     * @param anonymousPaths endpoint paths where a client without credentials connects
     * anonymously
     */
    public SpringSecurityUpgradeAuthenticator(ServerAuthenticationConverter converter,
            ReactiveAuthenticationManager manager, Set<String> anonymousPaths) {
        this.converter = converter;
        this.manager = manager;
        this.anonymousPaths = Set.copyOf(anonymousPaths);
    }

    /**
     * @param name a query parameter of the upgrade request
     * @return a converter that reads a bearer token from it (needs Spring Security's
     * OAuth2 resource server)
     */
    public static ServerAuthenticationConverter queryParameter(String name) {
        return new QueryParameterTokenConverter(name);
    }

    @Override
    public Mono<Outcome> authenticate(ServerWebExchange exchange) {
        return Mono.defer(() -> this.converter.convert(exchange))
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap((credentials) -> credentials.isEmpty() ? Mono.just(noCredentials(exchange))
                    : this.manager.authenticate(credentials.get())
                        .map(this::outcome)
                        .defaultIfEmpty(unauthenticated("no authentication manager accepted the "
                                + credentials.get().getClass().getSimpleName())))
            .onErrorResume(AuthenticationException.class,
                    (ex) -> Mono.just(unauthenticated(ex.getClass().getSimpleName() + ": " + ex.getMessage())));
    }

    private Outcome noCredentials(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return this.anonymousPaths.contains(path.isEmpty() ? "/" : path) ? new Authenticated(null, null)
                : unauthenticated("no credentials");
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
        return CredentialExpiry.of(authentication);
    }

}
