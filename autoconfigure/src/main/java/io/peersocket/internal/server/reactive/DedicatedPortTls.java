package io.peersocket.internal.server.reactive;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import io.netty.handler.ssl.ClientAuth;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Serves the dedicated port over TLS (wss://) with the key and certificate of a Spring Boot SSL
 * bundle, honouring the bundle's options (enabled protocols, ciphers) and, for client
 * certificates (mTLS), its trust store.
 */
public final class DedicatedPortTls implements UnaryOperator<HttpServer> {

    private final SslBundle bundle;

    private final ClientAuth clientAuth;

    /** @param bundle the bundle whose key manager the port presents; no client certificates */
    public DedicatedPortTls(SslBundle bundle) {
        this(bundle, ClientAuth.NONE);
    }

    /**
     * @param bundle the bundle whose key manager the port presents and whose trust store checks
     * client certificates
     * @param clientAuth whether client certificates are asked for ({@code OPTIONAL}) or required
     */
    public DedicatedPortTls(SslBundle bundle, ClientAuth clientAuth) {
        this.bundle = bundle;
        this.clientAuth = clientAuth;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        SslOptions options = this.bundle.getOptions();
        Http11SslContextSpec spec = Http11SslContextSpec.forServer(this.bundle.getManagers().getKeyManagerFactory())
            .configure((builder) -> {
                if (options.getEnabledProtocols() != null) {
                    builder.protocols(options.getEnabledProtocols());
                }
                if (options.getCiphers() != null) {
                    builder.ciphers(Arrays.asList(options.getCiphers()));
                }
                if (this.clientAuth != ClientAuth.NONE) {
                    builder.trustManager(this.bundle.getManagers().getTrustManagerFactory());
                    builder.clientAuth(this.clientAuth);
                }
            });
        // The GenericSslContextSpec overload: the ProtocolSslContextSpec one is deprecated.
        SslProvider.GenericSslContextSpec<?> generic = spec;
        return server.secure((ssl) -> ssl.sslContext(generic));
    }

}
