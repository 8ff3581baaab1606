package io.peersocket.server.handshake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the dedicated port without a JWT decoder, the application's own
 * {@link ReactiveAuthenticationManager} bean checks what the default converter reads:
 * HTTP Basic here.
 */
@SpringBootTest(
        classes = { TestApplication.class, HandshakeInfoTests.Who.class, HandshakeInfoTests.Admin.class,
                BasicAuthDedicatedPortTest.Users.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "peersocket.server.port=0")
class BasicAuthDedicatedPortTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void peersOfThisTestAreGone() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    @Test
    void wrongPasswordOrABearerTokenTheManagerDoesNotHandleGet401() throws Exception {
        double before = refused("/who", "unauthenticated");
        assertThat(RawWebSocket.handshake(this.port, withAuthorization("/who", basic("alice", "wrong"))).status())
            .isEqualTo(401);
        assertThat(RawWebSocket.handshake(this.port, withAuthorization("/who", "Bearer abc.def.ghi")).status())
            .isEqualTo(401);
        assertThat(refused("/who", "unauthenticated")).isEqualTo(before + 2);
        assertThat(this.server.peers()).isEmpty();
    }

    @Test
    void theRightPasswordNamesThePrincipalAndAuthoritiesStillApply() throws Exception {
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port,
                withAuthorization("/who", basic("alice", "secret")));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=alice ");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        double before = refused("/admin", "forbidden");
        assertThat(RawWebSocket.handshake(this.port, withAuthorization("/admin", basic("alice", "secret"))).status())
            .isEqualTo(403);
        assertThat(refused("/admin", "forbidden")).isEqualTo(before + 1);
    }

    private String withAuthorization(String path, String authorization) {
        return RawWebSocket.upgradeRequest(this.port, path)
            .replace("\r\n\r\n", "\r\nAuthorization: " + authorization + "\r\n\r\n");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private double refused(String path, String reason) {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", path, "reason", reason)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Configuration(proxyBeanMethods = false)
    static class Users {

        @Bean
        ReactiveAuthenticationManager authenticationManager() {
            return new UserDetailsRepositoryReactiveAuthenticationManager(new MapReactiveUserDetailsService(
                    User.withUsername("alice").password("{noop}secret").roles("PLAYER").build()));
        }

    }

}
