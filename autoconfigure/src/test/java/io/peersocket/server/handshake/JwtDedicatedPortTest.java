package io.peersocket.server.handshake;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.PeerSocketClientBuilder;
import io.peersocket.client.ReconnectPolicy;
import io.peersocket.client.RecordingListener;
import io.peersocket.peer.PeerError;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the dedicated port, where no servlet filter runs, the application's
 * {@link JwtDecoder} checks a bearer token before the upgrade (Spring Security's
 * {@code JwtReactiveAuthenticationManager}): tokens signed here with an RSA key made for
 * the test; forged, missing and expired ones get 401, counted as {@code unauthenticated};
 * a token that expires while connected closes the peer with 1008. Browsers send the token
 * as a query parameter, which is never logged.
 */
@SpringBootTest(
        classes = { TestApplication.class, HandshakeInfoTests.Who.class, HandshakeInfoTests.Admin.class,
                JwtDedicatedPortTest.Keys.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.auth.query-parameter=access_token",
                "logging.level.io.peersocket=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class JwtDedicatedPortTest {

    static final KeyPair KEYS = rsaKeys();

    static final KeyPair FORGER = rsaKeys();

    @LocalPeerSocketPort
    int port;

    @Autowired
    HandshakeInfoTests.Who who;

    @Autowired
    PeerSocketServer server;

    @Autowired
    MeterRegistry meters;

    /**
     * Every test starts without peers, so that "no peer was made" means this test's
     * request made none.
     */
    @AfterEach
    void peersOfThisTestAreGone() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    @Test
    void noTokenGets401BeforeAnyUpgrade(CapturedOutput output) throws Exception {
        double before = refused("unauthenticated");
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port,
                RawWebSocket.upgradeRequest(this.port, "/who"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.webSocket()).isNull();
        assertThat(refused("unauthenticated")).isEqualTo(before + 1);
        assertThat(this.server.peers()).isEmpty();
        assertThat(output).contains("with 401: \"no credentials\"");
    }

    @Test
    void forgedAndExpiredTokensGet401AndAreNeverLogged(CapturedOutput output) throws Exception {
        double before = refused("unauthenticated");
        String forged = token(FORGER, "mallory", Instant.now().plusSeconds(600));
        String expired = token(KEYS, "alice", Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(upgrade(withBearer(forged)).status()).isEqualTo(401);
        assertThat(upgrade(withBearer(expired)).status()).isEqualTo(401);
        assertThat(upgrade(RawWebSocket.upgradeRequest(this.port, "/who?access_token=" + forged)).status())
            .isEqualTo(401);
        assertThat(refused("unauthenticated")).isEqualTo(before + 3);
        assertThat(this.server.peers()).isEmpty();
        assertThat(output).contains("with 401: \"InvalidBearerTokenException: ").contains("Invalid signature");
        assertThat(output).doesNotContain(forged).doesNotContain(expired);
        assertThat(output).doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
    }

    @Test
    void aValidTokenInTheHeaderNamesThePrincipal() throws Exception {
        RawWebSocket.HttpResponse response = upgrade(withBearer(token(KEYS, "alice", Instant.now().plusSeconds(600))));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=alice ");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
    }

    @Test
    void aValidTokenInTheQueryParameterWorksAndIsNeverLogged(CapturedOutput output) throws Exception {
        String token = token(KEYS, "bob", Instant.now().plusSeconds(600));
        RawWebSocket.HttpResponse response = upgrade(
                RawWebSocket.upgradeRequest(this.port, "/who?room=red&access_token=" + token));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=bob ");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
        assertThat(output).doesNotContain(token);
    }

    @Test
    void aTokenThatExpiresWhileConnectedClosesThePeerWith1008() throws Exception {
        RawWebSocket.HttpResponse response = upgrade(withBearer(token(KEYS, "carol", Instant.now().plusSeconds(2))));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=carol ");
            // Read until the server's close: at the token's expiry, within the socket's
            // read timeout.
            RawWebSocket.Frame close = socket.readClose();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("credentials expired");
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
    }

    @Test
    void anEndpointWithAuthoritiesRefusesATokenWithoutTheScopeWith403() throws Exception {
        double before = refused("/admin", "forbidden");
        String player = token(KEYS, "alice", Instant.now().plusSeconds(600), "game");
        assertThat(upgrade(withBearer("/admin", player)).status()).isEqualTo(403);
        assertThat(refused("/admin", "forbidden")).isEqualTo(before + 1);
        assertThat(upgrade(RawWebSocket.upgradeRequest(this.port, "/admin")).status()).isEqualTo(401);
        assertThat(this.server.peers()).isEmpty();
        String admin = token(KEYS, "root", Instant.now().plusSeconds(600), "game admin");
        RawWebSocket.HttpResponse admitted = upgrade(withBearer("/admin", admin));
        assertThat(admitted.status()).isEqualTo(101);
        try (RawWebSocket socket = admitted.webSocket()) {
            socket.sendText("hello");
            assertThat(socket.readFrame().text()).isEqualTo("admin root");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void theClientTemplateFetchesAFreshTokenForEachReconnect() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = PeerSocketClientBuilder.create()
            .name("credentials")
            .listener(events)
            .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1.0, 0.0))
            .headers(() -> {
                try {
                    // Each attempt gets a token of its own, valid for 3 to 4 s (exp has
                    // whole seconds).
                    return Map.of(HttpHeaders.AUTHORIZATION,
                            "Bearer " + token(KEYS, "carol-" + asked.incrementAndGet(), Instant.now().plusSeconds(4)));
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            })
            .build();
        try {
            assertThat(client.connectToUrl("ws://127.0.0.1:" + this.port + "/who")).isEqualTo(PeerError.OK);
            events.awaitEvent("established ''");
            client.getPeer(1).send("who");
            events.awaitEvent((event) -> event.contains("principal=carol-1 "));
            // The server closes the peer when its token expires; the reconnect asks for a
            // new one.
            events.awaitEvent("close-request 1008 'credentials expired'");
            events.awaitEvent((event) -> event.startsWith("established")
                    && events.events.stream().filter((e) -> e.startsWith("established")).count() == 2);
            client.getPeer(1).send("who");
            events.awaitEvent((event) -> event.contains("principal=carol-2 "));
            assertThat(asked.get()).isGreaterThanOrEqualTo(2);
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    private RawWebSocket.HttpResponse upgrade(String request) throws Exception {
        return RawWebSocket.handshake(this.port, request);
    }

    private String withBearer(String token) {
        return withBearer("/who", token);
    }

    private String withBearer(String path, String token) {
        return RawWebSocket.upgradeRequest(this.port, path)
            .replace("\r\n\r\n", "\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    }

    private double refused(String reason) {
        return refused("/who", reason);
    }

    private double refused(String path, String reason) {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", path, "reason", reason)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    static String token(KeyPair keys, String subject, Instant expiresAt) throws Exception {
        return token(keys, subject, expiresAt, "game");
    }

    static String token(KeyPair keys, String subject, Instant expiresAt, String scope) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
            .claim("scope", scope)
            .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
            .expirationTime(Date.from(expiresAt))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Keys {

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }

    }

}
