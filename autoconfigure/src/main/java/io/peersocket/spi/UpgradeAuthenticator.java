package io.peersocket.spi;

import java.security.Principal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides, before the upgrade on the dedicated port, who a client is. Kept free of Spring
 * Security types so that the transport works without it on the classpath; the Spring
 * Security one
 * ({@code io.peersocket.internal.server.security.SpringSecurityUpgradeAuthenticator}) is
 * the implementation applications get.
 */
@FunctionalInterface
public interface UpgradeAuthenticator {

    /**
     * Lets every client in, unauthenticated: the dedicated port without Spring Security.
     */
    UpgradeAuthenticator NONE = (exchange) -> Mono.just(new Authenticated(null, null));

    /**
     * @param exchange the upgrade request, not yet answered
     * @return the outcome; never empty, never an error
     */
    Mono<Outcome> authenticate(ServerWebExchange exchange);

    /** What {@link #authenticate} decided. */
    sealed interface Outcome permits Authenticated, Refused {

    }

    /**
     * The upgrade may proceed.
     *
     * @param principal who the client is, {@code null} when anonymous
     * @param expiresAt when its credentials expire (the peer is then closed with 1008),
     * {@code null} for never
     */
    record Authenticated(@Nullable Principal principal, @Nullable Instant expiresAt) implements Outcome {
    }

    /**
     * The upgrade is refused.
     *
     * @param status 401 or 403
     * @param reason the reason counted in {@code peersocket.handshakes.refused}
     * @param detail the cause for the DEBUG log line: never a credential
     */
    record Refused(HttpStatus status, String reason, String detail) implements Outcome {
    }

}
