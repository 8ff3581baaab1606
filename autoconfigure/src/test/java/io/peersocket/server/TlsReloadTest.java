package io.peersocket.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.peersocket.server.TlsOptionsTest.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Certificate reload on the dedicated port: the PEM files of a bundle with
 * {@code reload-on-update=true} are replaced on disk, and a client that trusts only the
 * new certificate is then served, one that trusts only the old one is refused, and a
 * connection opened before the reload goes on.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.ssl.bundle=live",
                "spring.ssl.bundle.pem.live.reload-on-update=true",
                // Boot waits this long after the last change before it reloads.
                "spring.ssl.bundle.watch.file.quiet-period=100ms" })
class TlsReloadTest {

    private static final Path DIR = tempDir();

    @LocalPeerSocketPort
    int port;

    @DynamicPropertySource
    static void pemFiles(DynamicPropertyRegistry registry) throws IOException {
        copy("tls/server.crt", DIR.resolve("cert.pem"));
        copy("tls/server.key", DIR.resolve("key.pem"));
        registry.add("spring.ssl.bundle.pem.live.keystore.certificate", () -> "file:" + DIR.resolve("cert.pem"));
        registry.add("spring.ssl.bundle.pem.live.keystore.private-key", () -> "file:" + DIR.resolve("key.pem"));
    }

    @Test
    void aReplacedCertificateIsServedToNewConnectionsAndOpenOnesGoOn() throws Exception {
        SSLContext trustsOld = trusting("tls/server.crt");
        SSLContext trustsNew = trusting("tls/renewed.crt");
        assertThat(echo(trustsOld, this.port, "before")).isEqualTo("before");
        assertThatThrownBy(() -> echo(trustsNew, this.port, "not yet")).isNotNull();

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket open = HttpClient.newBuilder()
            .sslContext(trustsOld)
            .build()
            .newWebSocketBuilder()
            .buildAsync(URI.create("wss://localhost:" + this.port + "/echo"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    webSocket.request(1);
                    return null;
                }
            })
            .get(10, TimeUnit.SECONDS);

        // The key first, then the certificate: each replaced whole (a move), as a renewal
        // tool does.
        replace("tls/renewed.key", DIR.resolve("key.pem"));
        replace("tls/renewed.crt", DIR.resolve("cert.pem"));

        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .untilAsserted(() -> assertThat(echo(trustsNew, this.port, "after")).isEqualTo("after"));
        assertThatThrownBy(() -> echo(trustsOld, this.port, "old")).isNotNull();

        open.sendText("still here", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("still here");
        open.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
    }

    // A client context that trusts this one certificate and nothing else.
    private static SSLContext trusting(String certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = new ClassPathResource(certificate).getInputStream()) {
            store.setCertificateEntry("only", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void replace(String resource, Path target) throws IOException {
        Path next = Files.createTempFile(target.getParent(), "next", ".tmp");
        copy(resource, next);
        Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("peersocket-tls-reload");
            dir.toFile().deleteOnExit();
            return dir;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
