package io.peersocket.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import io.peersocket.annotation.ConnectionClosed;
import io.peersocket.annotation.ConnectionError;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client template against libwebsockets' own test server
 * ({@code libwebsockets-test-server}): {@code lws-mirror-protocol} over ws:// and over
 * wss:// with a certificate this test makes, trusted through a Spring Boot SSL bundle on
 * a named connection; untrusted, the same server is a connection_error.
 * (lws-mirror-protocol sends every message back as a text frame, whatever frame it came
 * in; the binary path is shown against Godot.)
 */
class LibwebsocketsTest {

    @TempDir
    static Path directory;

    static PeerProcess plain;

    static PeerProcess tls;

    static int plainPort;

    static int tlsPort;

    static Path certificate;

    @BeforeAll
    static void startServers() throws Exception {
        Path server = PeerProcess.require("libwebsockets-test-server", "libwebsockets-test-server");
        Path openssl = PeerProcess.require("openssl", "openssl");
        certificate = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        Process generate = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("openssl.log").toFile())
            .start();
        assertThat(generate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(generate.exitValue()).as("openssl req").isZero();
        plainPort = PeerProcess.freePort();
        plain = PeerProcess.start(List.of(server.toString(), "--port=" + plainPort), Map.of(), directory);
        tlsPort = PeerProcess.freePort();
        tls = PeerProcess.start(List.of(server.toString(), "--port=" + tlsPort, "--ssl", "--ssl-cert=" + certificate,
                "--ssl-key=" + key), Map.of(), directory);
        plain.awaitPort(plainPort, Duration.ofSeconds(30), "libwebsockets ws:// server");
        tls.awaitPort(tlsPort, Duration.ofSeconds(30), "libwebsockets wss:// server");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    /** The seed's minimal client example as a named connection's handler. */
    @PacketHandler(client = "lws")
    static class SeedClient {

        final RecordingListener events = new RecordingListener();

        @ConnectionEstablished
        byte[] connected(Peer server, String protocol) {
            this.events.connectionEstablished(server, protocol);
            return "Test packet".getBytes(); // put_packet in the peer's write mode
                                             // (binary)
        }

        @DataReceived
        void data(Packet packet) {
            this.events.events.add("data " + (packet.string() ? "text" : "binary") + " " + packet.text());
        }

        @ConnectionClosed
        void closed(Peer server, boolean wasClean) {
            this.events.connectionClosed(server, wasClean);
        }

        @ConnectionError
        void error(Peer server, Throwable cause) {
            this.events.connectionError(server, cause);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Handler {

        @Bean
        SeedClient seedClient() {
            return new SeedClient();
        }

    }

    ApplicationContextRunner runner(String url, String... properties) {
        return new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(SslAutoConfiguration.class, PeerSocketClientAutoConfiguration.class))
            .withUserConfiguration(Handler.class)
            .withPropertyValues("peersocket.client.connections.lws.url=" + url,
                    "peersocket.client.connections.lws.protocols=lws-mirror-protocol",
                    "peersocket.client.connections.lws.handshake-timeout=5s")
            .withPropertyValues(properties);
    }

    @Test
    void mirrorsOverPlainWebSocket() {
        runner("ws://127.0.0.1:" + plainPort + "/").run((context) -> {
            SeedClient handler = context.getBean(SeedClient.class);
            handler.events.awaitEvent("data text Test packet");
            PeerSocketClient client = context.getBean(PeerSocketClients.class).require("lws");
            assertThat(client.getConnectedPort()).isEqualTo(plainPort);
            assertThat(handler.events.events.get(0)).isEqualTo("established 'lws-mirror-protocol'");
            assertThat(client.getPeer(1).send("as text")).isEqualTo(io.peersocket.peer.PeerError.OK);
            handler.events.awaitEvent("data text as text");
        });
    }

    @Test
    void mirrorsOverTlsWithTheCertificateTrustedThroughAnSslBundle() {
        runner("wss://127.0.0.1:" + tlsPort + "/",
                "spring.ssl.bundle.pem.lws.truststore.certificate=file:" + certificate,
                "peersocket.client.connections.lws.ssl.bundle=lws")
            .run((context) -> {
                SeedClient handler = context.getBean(SeedClient.class);
                handler.events.awaitEvent("data text Test packet");
                assertThat(handler.events.events.get(0)).isEqualTo("established 'lws-mirror-protocol'");
                assertThat(handler.events.errors).isEmpty();
            });
    }

    @Test
    void anUntrustedCertificateIsAConnectionError() {
        // The JVM's trust store does not know the test's self-signed certificate.
        runner("wss://127.0.0.1:" + tlsPort + "/").run((context) -> {
            SeedClient handler = context.getBean(SeedClient.class);
            handler.events.awaitEvent((e) -> e.startsWith("error"));
            assertThat(handler.events.events).containsExactly("error SSLHandshakeException");
            assertThat(handler.events.errors.get(0)).isInstanceOf(SSLHandshakeException.class);
        });
    }

    @Test
    void verifySslFalseAcceptsTheUntrustedCertificate() {
        runner("wss://127.0.0.1:" + tlsPort + "/", "peersocket.client.connections.lws.verify-ssl=false")
            .run((context) -> context.getBean(SeedClient.class).events.awaitEvent("data text Test packet"));
    }

    @Test
    void aBundleThatDoesNotExistFailsStartupNamingTheProperty() {
        runner("wss://127.0.0.1:" + tlsPort + "/", "peersocket.client.connections.lws.ssl.bundle=nope")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("peersocket.client.connections.lws.ssl.bundle names 'nope'"));
    }

}
