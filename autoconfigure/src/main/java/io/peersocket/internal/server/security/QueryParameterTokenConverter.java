package io.peersocket.internal.server.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a bearer token from a query parameter of the upgrade request: browsers cannot set
 * headers on a WebSocket. Spring Security's own converter only knows {@code access_token}
 * and refuses the request when a header is also present; this one takes the configured
 * name and only when no {@code Authorization} header was sent (that one is tried first).
 */
final class QueryParameterTokenConverter implements ServerAuthenticationConverter {

    private final String parameter;

    QueryParameterTokenConverter(String parameter) {
        this.parameter = parameter;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String token = exchange.getRequest().getQueryParams().getFirst(this.parameter);
        if (token == null || token.isBlank()) {
            return Mono.empty();
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }

}
