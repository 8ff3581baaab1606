package io.peersocket.server.reactive;

import java.util.function.UnaryOperator;

import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.ssl.SslBundle;

/** Serves the dedicated port over TLS (wss://) with the key and certificate of a Spring Boot SSL bundle. */
public final class DedicatedPortTls implements UnaryOperator<HttpServer> {

    private final SslBundle bundle;

    /** @param bundle the bundle whose key manager the port presents */
    public DedicatedPortTls(SslBundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        Http11SslContextSpec spec = Http11SslContextSpec.forServer(this.bundle.getManagers().getKeyManagerFactory());
        return server.secure((ssl) -> ssl.sslContext(spec));
    }

}
