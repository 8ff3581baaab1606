package io.peersocket.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The dedicated port's TLS honours the bundle's options (protocols) and client
 * certificates ({@code peersocket.server.ssl.client-auth}), against real JDK TLS clients.
 */
class TlsOptionsTest {

    private static final String BUNDLE = "spring.ssl.bundle.pem.peers.";

    @Nested
    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = { "peersocket.server.port=0", "peersocket.server.ssl.bundle=peers",
                    BUNDLE + "keystore.certificate=classpath:tls/server.crt",
                    BUNDLE + "keystore.private-key=classpath:tls/server.key",
                    BUNDLE + "truststore.certificate=classpath:tls/server.crt",
                    BUNDLE + "options.enabled-protocols=TLSv1.3" })
    class OnlyTls13 {

        @LocalPeerSocketPort
        int port;

        @Autowired
        SslBundles bundles;

        @Test
        void aClientOfferingOnlyTls12IsRefusedAndTls13IsServed() throws Exception {
            SSLContext context = this.bundles.getBundle("peers").createSslContext();
            assertThatThrownBy(() -> handshake(context, this.port, "TLSv1.2")).isInstanceOf(SSLException.class);
            assertThat(handshake(context, this.port, "TLSv1.3", "TLSv1.2")).isEqualTo("TLSv1.3");
        }

    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = { "peersocket.server.port=0", "peersocket.server.ssl.bundle=peers",
                    "peersocket.server.ssl.client-auth=need", BUNDLE + "keystore.certificate=classpath:tls/server.crt",
                    BUNDLE + "keystore.private-key=classpath:tls/server.key",
                    BUNDLE + "truststore.certificate=classpath:tls/server.crt" })
    class ClientCertificateNeeded {

        @LocalPeerSocketPort
        int port;

        @Autowired
        SslBundles bundles;

        @Autowired
        PeerSocketServer server;

        @Test
        void aClientWithATrustedCertificateIsServed() throws Exception {
            // The bundle's context presents its key: the certificate the trust store
            // holds.
            SSLContext withCertificate = this.bundles.getBundle("peers").createSslContext();
            assertThat(echo(withCertificate, this.port, "mutual")).isEqualTo("mutual");
        }

        @Test
        void aClientWithoutACertificateIsRefused() throws Exception {
            SSLContext trustOnly = SSLContext.getInstance("TLS");
            SslBundle bundle = this.bundles.getBundle("peers");
            trustOnly.init(null, bundle.getManagers().getTrustManagers(), null);
            assertThatThrownBy(() -> echo(trustOnly, this.port, "anonymous")).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> this.server.peers().isEmpty());
        }

    }

    // The protocol the server agreed to, or SSLException when it refused.
    static String handshake(SSLContext context, int port, String... protocols) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(protocols);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    static String echo(SSLContext context, int port, String text) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(context).build();
        CompletableFuture<String> echo = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder()
            .buildAsync(URI.create("wss://localhost:" + port + "/echo"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    echo.complete(data.toString());
                    return null;
                }
            })
            .get(10, TimeUnit.SECONDS);
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        String answer = echo.get(10, TimeUnit.SECONDS);
        socket.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        return answer;
    }

}
