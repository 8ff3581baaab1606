package io.peersocket.server.servlet;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.peersocket.core.PeerEndpoint;
import io.peersocket.server.HandshakePolicy;
import io.peersocket.server.UpgradeHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The engine's subprotocol rule and the origin policy on the servlet transport: a refused
 * upgrade gets an HTTP status (400 protocol, 403 origin) and a log line naming the cause.
 */
final class HandshakeRules implements HandshakeInterceptor {

    private static final Log logger = LogFactory.getLog(HandshakeRules.class);

    private final PeerEndpoint endpoint;

    private final HandshakePolicy policy;

    private final BooleanSupplier accepting;

    HandshakeRules(PeerEndpoint endpoint, HandshakePolicy policy, BooleanSupplier accepting) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.accepting = accepting;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (!this.accepting.getAsBoolean()) {
            return refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "stopping", "the server is shutting down");
        }
        if (this.endpoint.isRefusingNewConnections()) {
            return refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "refusing",
                    this.endpoint.path() + " refuses new connections");
        }
        HttpHeaders headers = request.getHeaders();
        if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
            return true; // Spring's handshake handler answers 400 for a request that is no upgrade
        }
        UpgradeHeaders.Problem malformed = UpgradeHeaders.check(headers);
        if (malformed != null) {
            // Any client can send these: DEBUG, so that a flood of them cannot flood the log.
            this.endpoint.refused(malformed.reason());
            logger.debug("Refused WebSocket upgrade from " + request.getRemoteAddress() + " with 400: "
                    + malformed.detail());
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            return false;
        }
        String origin = headers.getOrigin();
        if (!this.policy.originAllowed(origin, request.getURI().getScheme(), headers.getFirst(HttpHeaders.HOST))) {
            return refuse(request, response, HttpStatus.FORBIDDEN, "origin", "origin " + origin + " is not allowed");
        }
        List<String> requested = HandshakePolicy.requestedProtocols(headers.get("Sec-WebSocket-Protocol"));
        if (this.endpoint.selectProtocol(requested) == null) {
            return refuse(request, response, HttpStatus.BAD_REQUEST, "protocol", "client asked for "
                    + (requested.isEmpty() ? "no subprotocol" : requested) + " but " + this.endpoint.path()
                    + " requires one of " + this.endpoint.offeredProtocols());
        }
        this.policy.extraHeaders().forEach(response.getHeaders()::set);
        return true;
    }

    private boolean refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String reason,
            String detail) {
        this.endpoint.refused(reason);
        logger.info("Refused WebSocket upgrade from " + request.getRemoteAddress() + " with " + status.value() + ": "
                + detail);
        response.setStatusCode(status);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

}
