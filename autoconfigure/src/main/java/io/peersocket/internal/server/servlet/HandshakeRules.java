package io.peersocket.internal.server.servlet;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.server.handshake.ConnectionLimits;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.internal.server.handshake.UpgradeHeaders;
import io.peersocket.logging.LogSafe;
import io.peersocket.spi.UpgradeAuthenticator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The engine's subprotocol rule and the origin policy on the servlet transport: a refused
 * upgrade gets an HTTP status (400 protocol, 403 origin) and a log line naming the cause.
 */
final class HandshakeRules implements HandshakeInterceptor {

    private static final Log logger = LogFactory.getLog(HandshakeRules.class);

    /** Session (and request) attribute: the upgrade's place under the connection caps. */
    static final String TICKET = "peersocket.ticket";

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
            return true; // Spring's handshake handler answers 400 for a request that is
                         // no upgrade
        }
        UpgradeHeaders.Problem malformed = UpgradeHeaders.check(headers);
        if (malformed != null) {
            // Any client can send these: DEBUG, so that a flood of them cannot flood the
            // log.
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
        String protocol = this.endpoint.selectProtocol(requested);
        if (protocol == null) {
            return refuse(request, response, HttpStatus.BAD_REQUEST, "protocol",
                    "client asked for " + (requested.isEmpty() ? "no subprotocol" : requested) + " but "
                            + this.endpoint.path() + " requires one of " + this.endpoint.offeredProtocols());
        }
        // The application's filters authenticated the request;
        // @PacketHandler(authorities) and the
        // configured ones (peersocket.server.auth.authorities) are checked here.
        UpgradeAuthenticator.Refused denied = this.policy.authorities()
            .check(request.getPrincipal(), this.endpoint.requiredAuthorities(protocol), this.endpoint.path());
        if (denied != null) {
            return refuse(request, response, denied.status(), denied.reason(), denied.detail());
        }
        // Last, so that only upgrades that would otherwise proceed take a place under the
        // caps.
        InetSocketAddress remote = request.getRemoteAddress();
        ConnectionLimits.Admission admission = this.policy.limits()
            .admit(this.endpoint.path(), (remote != null) ? remote.getAddress() : null);
        if (admission instanceof ConnectionLimits.Refusal refusal) {
            // Any client can hit these: DEBUG, so that a flood of them cannot flood the
            // log.
            this.endpoint.refused(refusal.reason());
            logger.debug("Refused WebSocket upgrade from " + remote + " with " + refusal.status().value() + ": "
                    + refusal.detail());
            response.setStatusCode(refusal.status());
            return false;
        }
        // The session releases it when it ends; afterHandshake, if the upgrade does not
        // happen.
        attributes.put(TICKET, admission);
        if (request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(TICKET, admission);
        }
        this.policy.extraHeaders().forEach(response.getHeaders()::set);
        return true;
    }

    private boolean refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String reason,
            String detail) {
        this.endpoint.refused(reason);
        logger.debug("Refused WebSocket upgrade from " + request.getRemoteAddress() + " with " + status.value() + ": "
                + LogSafe.text(detail)); // any client can trigger it: DEBUG, its text
                                         // escaped
        response.setStatusCode(status);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            @Nullable Exception exception) {
        if (request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(TICKET) instanceof ConnectionLimits.Ticket ticket) {
            boolean upgraded = exception == null && response instanceof ServletServerHttpResponse servletResponse
                    && servletResponse.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
            if (!upgraded) {
                ticket.release();
            }
        }
    }

    /**
     * Ends the place of a session under the connection caps.
     * @param attributes the attributes of a session that has ended
     */
    static void release(Map<String, Object> attributes) {
        if (attributes.get(TICKET) instanceof ConnectionLimits.Ticket ticket) {
            ticket.release();
        }
    }

}
