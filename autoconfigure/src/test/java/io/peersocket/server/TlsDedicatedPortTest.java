package io.peersocket.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code peersocket.server.ssl.bundle}: the dedicated port speaks wss:// with the
 * bundle's certificate.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.ssl.bundle=peers",
                "spring.ssl.bundle.pem.peers.keystore.certificate=classpath:tls/server.crt",
                "spring.ssl.bundle.pem.peers.keystore.private-key=classpath:tls/server.key",
                "spring.ssl.bundle.pem.peers.truststore.certificate=classpath:tls/server.crt" })
class TlsDedicatedPortTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    SslBundles bundles;

    @Test
    void echoesOverWssForAClientThatTrustsTheCertificate() throws Exception {
        SSLContext trusting = this.bundles.getBundle("peers").createSslContext();
        HttpClient http = HttpClient.newBuilder().sslContext(trusting).build();
        CompletableFuture<String> echo = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder()
            .buildAsync(URI.create("wss://localhost:" + this.port + "/echo"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    echo.complete(data.toString());
                    return null;
                }
            })
            .get(10, TimeUnit.SECONDS);
        socket.sendText("over tls", true).get(10, TimeUnit.SECONDS);
        assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("over tls");
        socket.sendClose(1000, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void refusesPlainWebSocketOnTheTlsPort() {
        assertThatThrownBy(() -> HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + this.port + "/echo"), new WebSocket.Listener() {
            })
            .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() {
        assertThatThrownBy(() -> HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("wss://localhost:" + this.port + "/echo"), new WebSocket.Listener() {
            })
            .get(10, TimeUnit.SECONDS)).hasStackTraceContaining("unable to find valid certification path");
    }

}
