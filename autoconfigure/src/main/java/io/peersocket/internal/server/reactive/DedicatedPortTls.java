package io.peersocket.internal.server.reactive;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import io.netty.handler.ssl.ClientAuth;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Serves the dedicated port over TLS (wss://) with the key and certificate of a Spring
 * Boot SSL bundle, honouring the bundle's options (enabled protocols, ciphers) and, for
 * client certificates (mTLS), its trust store. {@link #update(SslBundle)} swaps the
 * bundle (certificate reload, {@code spring.ssl.bundle.*.reload-on-update}): every TLS
 * handshake after it uses the new one, as Boot's own Netty server does, while the
 * connections already open keep theirs.
 */
public final class DedicatedPortTls implements UnaryOperator<HttpServer> {

    private static final Log logger = LogFactory.getLog(DedicatedPortTls.class);

    private final ClientAuth clientAuth;

    private volatile SslProvider provider;

    /**
     * @param bundle the bundle whose key manager the port presents; no client
     * certificates
     */
    public DedicatedPortTls(SslBundle bundle) {
        this(bundle, ClientAuth.NONE);
    }

    /**
     * @param bundle the bundle whose key manager the port presents and whose trust store
     * checks client certificates
     * @param clientAuth whether client certificates are asked for ({@code OPTIONAL}) or
     * required
     */
    public DedicatedPortTls(SslBundle bundle, ClientAuth clientAuth) {
        this.clientAuth = clientAuth;
        this.provider = provider(bundle);
    }

    /**
     * Takes the bundle's new key, certificate and trust store for the handshakes to come.
     * @param bundle the updated bundle
     */
    public void update(SslBundle bundle) {
        this.provider = provider(bundle);
        logger.info("SSL bundle updated: new connections to the dedicated port get its certificate");
    }

    @Override
    public HttpServer apply(HttpServer server) {
        // Reactor Netty asks the SNI mapping on every handshake, with or without a server
        // name:
        // answering with the current provider is what makes an update apply to new
        // connections.
        return server.secure((ssl) -> ssl.sslContext(this.provider.getSslContext())
            .setSniAsyncMappings((serverName, promise) -> promise.setSuccess(this.provider)));
    }

    private SslProvider provider(SslBundle bundle) {
        SslOptions options = bundle.getOptions();
        Http11SslContextSpec spec = Http11SslContextSpec.forServer(bundle.getManagers().getKeyManagerFactory())
            .configure((builder) -> {
                if (options.getEnabledProtocols() != null) {
                    builder.protocols(options.getEnabledProtocols());
                }
                if (options.getCiphers() != null) {
                    builder.ciphers(Arrays.asList(options.getCiphers()));
                }
                if (this.clientAuth != ClientAuth.NONE) {
                    builder.trustManager(bundle.getManagers().getTrustManagerFactory());
                    builder.clientAuth(this.clientAuth);
                }
            });
        // The GenericSslContextSpec overload: the ProtocolSslContextSpec one is
        // deprecated.
        SslProvider.GenericSslContextSpec<?> generic = spec;
        return SslProvider.builder().sslContext(generic).build();
    }

}
