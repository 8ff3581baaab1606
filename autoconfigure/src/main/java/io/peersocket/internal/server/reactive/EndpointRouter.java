package io.peersocket.internal.server.reactive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.server.handshake.ConnectionLimits;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.internal.server.handshake.UpgradeHeaders;
import io.peersocket.logging.LogSafe;
import io.peersocket.spi.UpgradeAuthenticator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * The dedicated port's only web handler: finds the endpoint by path and answers every
 * upgrade that cannot proceed with a precise HTTP status and a log line naming the cause,
 * before Spring's {@link HandshakeWebSocketService} performs the upgrade.
 */
final class EndpointRouter implements WebHandler {

    private static final Log logger = LogFactory.getLog(EndpointRouter.class);

    private final Map<String, Route> routes;

    private final HandshakePolicy policy;

    record Route(ReactivePeerHandler handler, HandshakeWebSocketService service) {
    }

    private final BooleanSupplier accepting;

    private final UpgradeAuthenticator authenticator;

    EndpointRouter(Map<String, Route> routes, HandshakePolicy policy, BooleanSupplier accepting,
            UpgradeAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.routes = Map.copyOf(routes);
        this.policy = policy;
        this.accepting = accepting;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        Route route = this.routes.get(path.isEmpty() ? "/" : path);
        if (route == null) {
            return refuse(exchange, null, HttpStatus.NOT_FOUND, "path", "no endpoint at " + path);
        }
        PeerEndpoint endpoint = route.handler().endpoint();
        if (!this.accepting.getAsBoolean()) {
            return refuse(exchange, endpoint, HttpStatus.SERVICE_UNAVAILABLE, "stopping",
                    "the server is shutting down");
        }
        if (endpoint.isRefusingNewConnections()) {
            return refuse(exchange, endpoint, HttpStatus.SERVICE_UNAVAILABLE, "refusing",
                    path + " refuses new connections");
        }
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.GET) {
            return refuse(exchange, endpoint, HttpStatus.METHOD_NOT_ALLOWED, "method",
                    request.getMethod() + " is not a WebSocket upgrade");
        }
        if (!"websocket".equalsIgnoreCase(headers.getUpgrade())
                || headers.getConnection().stream().noneMatch("upgrade"::equalsIgnoreCase)) {
            return refuse(exchange, endpoint, HttpStatus.BAD_REQUEST, "not-upgrade",
                    "missing 'Upgrade: websocket' or 'Connection: Upgrade'");
        }
        UpgradeHeaders.Problem malformed = UpgradeHeaders.check(headers);
        if (malformed != null) {
            // Any client can send these: DEBUG, so that a flood of them cannot flood the
            // log.
            return refuse(exchange, endpoint, HttpStatus.BAD_REQUEST, malformed.reason(), malformed.detail());
        }
        if (headers.getFirst("Sec-WebSocket-Key") == null) {
            return refuse(exchange, endpoint, HttpStatus.BAD_REQUEST, "key", "missing Sec-WebSocket-Key");
        }
        if (!"13".equals(headers.getFirst("Sec-WebSocket-Version"))) {
            exchange.getResponse().getHeaders().set("Sec-WebSocket-Version", "13");
            return refuse(exchange, endpoint, HttpStatus.UPGRADE_REQUIRED, "version",
                    "unsupported Sec-WebSocket-Version " + headers.getFirst("Sec-WebSocket-Version"));
        }
        String origin = headers.getOrigin();
        if (!this.policy.originAllowed(origin, request.getURI().getScheme(), headers.getFirst(HttpHeaders.HOST))) {
            return refuse(exchange, endpoint, HttpStatus.FORBIDDEN, "origin", "origin " + origin + " is not allowed");
        }
        List<String> requested = HandshakePolicy.requestedProtocols(headers.get("Sec-WebSocket-Protocol"));
        String protocol = endpoint.selectProtocol(requested);
        if (protocol == null) {
            return refuse(exchange, endpoint, HttpStatus.BAD_REQUEST, "protocol",
                    "client asked for " + (requested.isEmpty() ? "no subprotocol" : requested) + " but " + path
                            + " requires one of " + endpoint.offeredProtocols());
        }
        // Credentials are checked only for requests that are otherwise fine (cheap checks
        // first), and
        // before the caps, so that clients refused here take no place under them.
        Set<String> required = endpoint.requiredAuthorities(protocol);
        // Without an authenticator of ours (WebFlux: the application's security chain)
        // the
        // exchange's principal, if any, is the one. It is read here, inside the request's
        // chain:
        // Spring Security's reactive principal comes from the subscriber's context, which
        // the
        // upgraded session no longer has. Empty (no security) completes at once, on this
        // thread.
        Mono<UpgradeAuthenticator.Outcome> outcome = (this.authenticator != UpgradeAuthenticator.NONE)
                ? this.authenticator.authenticate(exchange)
                : exchange.getPrincipal()
                    .map((principal) -> (UpgradeAuthenticator.Outcome) new UpgradeAuthenticator.Authenticated(principal,
                            null))
                    .defaultIfEmpty(new UpgradeAuthenticator.Authenticated(null, null));
        Channel connection = nettyChannel(request);
        if (connection != null
                && (this.authenticator != UpgradeAuthenticator.NONE || !connection.eventLoop().inEventLoop())) {
            // A decoder may answer on another thread (a blocking JwtDecoder runs on
            // boundedElastic),
            // and so may the application's own WebFlux security chain before this handler
            // runs
            // (password encoders do): the upgrade goes on on the connection's event loop,
            // so that
            // frames that follow the 101 at once meet a complete pipeline.
            outcome = outcome.publishOn(Schedulers.fromExecutor(connection.eventLoop()));
        }
        return outcome.flatMap((decision) -> {
            if (decision instanceof UpgradeAuthenticator.Refused refused) {
                return refuse(exchange, endpoint, refused.status(), refused.reason(), refused.detail());
            }
            UpgradeAuthenticator.Authenticated authenticated = (UpgradeAuthenticator.Authenticated) decision;
            UpgradeAuthenticator.Refused denied = this.policy.authorities()
                .check(authenticated.principal(), required, endpoint.path());
            if (denied != null) {
                return refuse(exchange, endpoint, denied.status(), denied.reason(), denied.detail());
            }
            ServerWebExchange upgrading = exchange;
            if (authenticated.principal() != null) {
                // Spring's HandshakeWebSocketService takes the principal of the exchange
                // into the session.
                upgrading = exchange.mutate().principal(Mono.just(authenticated.principal())).build();
            }
            if (authenticated.expiresAt() != null) {
                upgrading.getAttributes().put(ReactivePeerHandler.EXPIRES_ATTRIBUTE, authenticated.expiresAt());
            }
            return upgrade(upgrading, endpoint, route, protocol);
        });
    }

    private Mono<Void> upgrade(ServerWebExchange exchange, PeerEndpoint endpoint, Route route, String protocol) {
        ServerHttpRequest request = exchange.getRequest();
        // Last, so that only upgrades that would otherwise proceed take a place under the
        // caps.
        ConnectionLimits.Admission admission = this.policy.limits().admit(endpoint.path(), remoteIp(request));
        if (admission instanceof ConnectionLimits.Refusal refusal) {
            return refuse(exchange, endpoint, refusal.status(), refusal.reason(), refusal.detail());
        }
        ConnectionLimits.Ticket ticket = (ConnectionLimits.Ticket) admission;
        exchange.getAttributes().put(ReactivePeerHandler.PROTOCOL_ATTRIBUTE, protocol);
        this.policy.extraHeaders().forEach(exchange.getResponse().getHeaders()::set);
        Channel channel = nettyChannel(request);
        if (channel != null) {
            // The place is the connection's, however it ends: a failed upgrade included.
            channel.closeFuture().addListener((future) -> ticket.release());
            return route.service().handleRequest(exchange, route.handler());
        }
        // Another server under WebFlux: the place ends with the session, or with a failed
        // upgrade.
        WebSocketHandler handler = new WebSocketHandler() {

            @Override
            public List<String> getSubProtocols() {
                return route.handler().getSubProtocols();
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                return route.handler().handle(session).doFinally((signal) -> ticket.release());
            }

        };
        return route.service().handleRequest(exchange, handler).doOnError((ex) -> ticket.release());
    }

    private static @Nullable InetAddress remoteIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return (remote != null) ? remote.getAddress() : null;
    }

    private static @Nullable Channel nettyChannel(ServerHttpRequest request) {
        try {
            Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
            return (nativeRequest instanceof Connection connection) ? connection.channel() : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private Mono<Void> refuse(ServerWebExchange exchange, @Nullable PeerEndpoint endpoint, HttpStatus status,
            String reason, String detail) {
        if (endpoint != null) {
            endpoint.refused(reason);
        }
        logger.debug("Refused WebSocket upgrade from " + exchange.getRequest().getRemoteAddress() + " with "
                + status.value() + ": " + LogSafe.text(detail)); // any client can trigger
                                                                 // it: DEBUG, its text
                                                                 // escaped
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return response.setComplete();
    }

}
