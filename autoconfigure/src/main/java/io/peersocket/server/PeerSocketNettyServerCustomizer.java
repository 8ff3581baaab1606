package io.peersocket.server;

import reactor.netty.http.server.HttpServer;

/**
 * Changes the dedicated port's Reactor Netty {@link HttpServer} before it binds:
 * forwarded headers ({@code server.forwarded(true)}), the PROXY protocol, an access log,
 * socket options. Every bean of this type is applied, in {@code @Order}, after the
 * server's own settings and TLS.
 */
@FunctionalInterface
public interface PeerSocketNettyServerCustomizer {

    /**
     * @param server the server as configured so far
     * @return the server to use (Reactor Netty's servers are immutable: return the
     * changed copy)
     */
    HttpServer customize(HttpServer server);

}
