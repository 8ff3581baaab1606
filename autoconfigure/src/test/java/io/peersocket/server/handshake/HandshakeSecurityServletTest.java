package io.peersocket.server.handshake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the servlet transport the upgrade is an HTTP GET on the application's Tomcat, so the
 * application's own {@link SecurityFilterChain} (HTTP Basic here) decides before any
 * upgrade, and the principal it authenticated reaches the handler.
 */
@SpringBootTest(
        classes = { TestApplication.class, HandshakeInfoTests.Who.class, HandshakeInfoTests.Admin.class,
                HandshakeSecurityServletTest.Security.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandshakeSecurityServletTest {

    @LocalServerPort
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
    void withoutCredentialsTheUpgradeGets401AndNoPeerIsMade() throws Exception {
        double refusedBefore = refusedTotal();
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port,
                RawWebSocket.upgradeRequest(this.port, "/who"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.webSocket()).isNull();
        assertThat(response.header("www-authenticate")).startsWith("Basic");
        assertThat(this.server.peers()).isEmpty();
        // The filter answered before peersocket saw the request: not one of its refusals.
        assertThat(refusedTotal()).isEqualTo(refusedBefore);
    }

    @Test
    void wrongCredentialsGet401() throws Exception {
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port, withBasic("alice", "wrong"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(this.server.peers()).isEmpty();
    }

    @Test
    void theAuthenticatedPrincipalReachesTheHandler() throws Exception {
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port, withBasic("alice", "secret"));
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
    void anEndpointWithAuthoritiesRefusesOthersWith403() throws Exception {
        double before = refused("forbidden");
        RawWebSocket.HttpResponse refused = RawWebSocket.handshake(this.port, withBasic("/admin", "alice", "secret"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused("forbidden")).isEqualTo(before + 1);
        assertThat(this.server.peers()).isEmpty();
        RawWebSocket.HttpResponse admitted = RawWebSocket.handshake(this.port, withBasic("/admin", "root", "toor"));
        assertThat(admitted.status()).isEqualTo(101);
        try (RawWebSocket socket = admitted.webSocket()) {
            socket.sendText("hello");
            assertThat(socket.readFrame().text()).isEqualTo("admin root");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
    }

    private double refused(String reason) {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", "/admin", "reason", reason)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    private String withBasic(String user, String password) {
        return withBasic("/who", user, password);
    }

    private String withBasic(String path, String user, String password) {
        String credentials = Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RawWebSocket.upgradeRequest(this.port, path)
            .replace("\r\n\r\n", "\r\nAuthorization: Basic " + credentials + "\r\n\r\n");
    }

    private double refusedTotal() {
        return this.meters.find("peersocket.handshakes.refused").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Security {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(
                    (requests) -> requests.requestMatchers("/who", "/admin").authenticated().anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .csrf((csrf) -> csrf.disable())
                .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}secret").roles("PLAYER").build(),
                    User.withUsername("root").password("{noop}toor").roles("ADMIN").build());
        }

    }

}
