package io.peersocket.internal.client;

import java.security.KeyStore;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * The engine's {@code verify_ssl} and {@code trusted_ssl_certificate} on Reactor Netty.
 * By default Reactor Netty verifies the server's chain against the JVM's trust store and
 * its host name; a trusted-certificate bundle replaces the trust store (host names are
 * still verified); with verification off, any certificate and host name are accepted.
 */
final class ClientTls {

    private ClientTls() {
    }

    static HttpClient secure(HttpClient http, boolean verify, @Nullable SslBundle trusted) {
        if (!verify) {
            SslContext context = build(SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE),
                    null);
            // secure(SslProvider) adds no host name verification, unlike secure(spec ->
            // ...).
            return http.secure(SslProvider.builder().sslContext(context).build());
        }
        if (trusted == null) {
            return http.secure(); // the JVM's trust store, host name verified
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
            .trustManager(trusted.getManagers().getTrustManagerFactory());
        KeyStore keyStore = trusted.getStores().getKeyStore();
        if (keyStore != null) {
            // A key store in the bundle is the client's own certificate, for servers that
            // ask for one.
            builder.keyManager(trusted.getManagers().getKeyManagerFactory());
        }
        SslContext context = build(builder, trusted.getOptions());
        return http.secure((spec) -> spec.sslContext(context));
    }

    private static SslContext build(SslContextBuilder builder, @Nullable SslOptions options) {
        if (options != null && options.getEnabledProtocols() != null) {
            builder.protocols(options.getEnabledProtocols());
        }
        if (options != null && options.getCiphers() != null) {
            builder.ciphers(java.util.List.of(options.getCiphers()));
        }
        try {
            return builder.build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException("Cannot set up TLS for the client: " + ex.getMessage(), ex);
        }
    }

}
