package io.peersocket.internal.server.servlet;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Spring's standard upgrade with no WebSocket extension negotiated, as on the dedicated
 * port and in the engine. Tomcat would otherwise agree to permessage-deflate, and its
 * inflater stops at the message buffer: a compressible message a few bytes over the input
 * limit reached the handler cut to the limit instead of closing with 1009. Telling Spring
 * that no extension is supported is not enough, because Tomcat negotiates from the
 * request's own header; so the container sees the request without
 * {@code Sec-WebSocket-Extensions}. A client that offered an extension gets a 101 without
 * one and must send plain frames (RFC 6455 9.1); a compressed frame is refused with 1002
 * (RSV1 set without an extension).
 */
final class NoExtensionUpgrade implements RequestUpgradeStrategy {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private final RequestUpgradeStrategy container = new StandardWebSocketUpgradeStrategy();

    @Override
    public String[] getSupportedVersions() {
        return this.container.getSupportedVersions();
    }

    @Override
    public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
        return List.of();
    }

    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
            List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler wsHandler,
            Map<String, Object> attributes) throws HandshakeFailureException {
        ServerHttpRequest withoutExtensions = (request instanceof ServletServerHttpRequest servlet)
                ? new ServletServerHttpRequest(new WithoutExtensions(servlet.getServletRequest())) : request;
        this.container.upgrade(withoutExtensions, response, selectedProtocol, List.of(), user, wsHandler, attributes);
    }

    /**
     * The upgrade request as the container sees it: without the extensions the client
     * offered.
     */
    private static final class WithoutExtensions extends HttpServletRequestWrapper {

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(EXTENSIONS::equalsIgnoreCase);
            return Collections.enumeration(names);
        }

    }

}
