package io.peersocket.server.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bearer JWTs on the servlet transport, checked by the application's own resource-server
 * chain (Spring Security's {@code BearerTokenAuthenticationFilter}) before the upgrade: a
 * token that expires while the peer is connected closes it with 1008, as on the dedicated
 * port, and the authorities of {@code peersocket.server.auth.authorities} guard a
 * multiplayer relay (401 anonymous, 403 without the scope). Tokens signed in the test;
 * the answers are what a raw socket received.
 */
@SpringBootTest(
        classes = { TestApplication.class, HandshakeInfoTests.Who.class, JwtDedicatedPortTest.Keys.class,
                JwtServletTest.Security.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "peersocket.server.multiplayer.path=/mp", "peersocket.server.auth.authorities[/mp]=SCOPE_relay" })
class JwtServletTest {

    @LocalServerPort
    int port;

    @Autowired
    HandshakeInfoTests.Who who;

    @Autowired
    PeerSocketServer server;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void peersOfThisTestAreGone() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    @Test
    void aTokenThatExpiresWhileConnectedClosesThePeerWith1008() throws Exception {
        String token = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "carol", Instant.now().plusSeconds(2));
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port, withBearer("/who", token));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=carol ");
            // Read until the server's close: at the token's expiry, within the socket's
            // read timeout.
            RawWebSocket.Frame close = socket.readClose();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("credentials expired");
            socket.sendClose(1008, "");
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
    }

    @Test
    void aTokenValidLongerKeepsThePeer() throws Exception {
        String token = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "dave", Instant.now().plusSeconds(600));
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port, withBearer("/who", token));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=dave ");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void theRelayNeedsTheConfiguredAuthorityBeforeTheUpgrade() throws Exception {
        double unauthenticated = refused("unauthenticated");
        double forbidden = refused("forbidden");
        // The chain lets anonymous requests through; peersocket refuses them for /mp.
        assertThat(RawWebSocket.handshake(this.port, RawWebSocket.upgradeRequest(this.port, "/mp")).status())
            .isEqualTo(401);
        String player = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "alice", Instant.now().plusSeconds(600));
        assertThat(RawWebSocket.handshake(this.port, withBearer("/mp", player)).status()).isEqualTo(403);
        assertThat(refused("unauthenticated")).isEqualTo(unauthenticated + 1);
        assertThat(refused("forbidden")).isEqualTo(forbidden + 1);
        assertThat(this.server.peers()).isEmpty();
        String relayer = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "bob", Instant.now().plusSeconds(600),
                "game relay");
        RawWebSocket.HttpResponse admitted = RawWebSocket.handshake(this.port, withBearer("/mp", relayer));
        assertThat(admitted.status()).isEqualTo(101);
        try (RawWebSocket socket = admitted.webSocket()) {
            assertThat(socket.readFrame().opcode()).isEqualTo(RawWebSocket.BINARY); // the
                                                                                    // relay's
                                                                                    // id
                                                                                    // message
            assertThat(this.server.peers()).singleElement()
                .satisfies((peer) -> assertThat(peer.handshake().principal().getName()).isEqualTo("bob"));
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
    }

    private String withBearer(String path, String token) {
        return RawWebSocket.upgradeRequest(this.port, path)
            .replace("\r\n\r\n", "\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    }

    private double refused(String reason) {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", "/mp", "reason", reason)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Security {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http
                .authorizeHttpRequests(
                        (requests) -> requests.requestMatchers("/who").authenticated().anyRequest().permitAll())
                .oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
                .csrf((csrf) -> csrf.disable())
                .build();
        }

    }

}
