package io.peersocket.server.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Authorization from properties on the dedicated port:
 * {@code peersocket.server.auth.authorities} guards a multiplayer relay (which no
 * {@code @PacketHandler(authorities)} can) and a plain endpoint, and
 * {@code anonymous-paths} lets clients without a token into an open demo endpoint while a
 * bad token there is still refused. JWTs signed in the test, checked by the application's
 * decoder; the answers are what a raw socket received.
 */
@SpringBootTest(
        classes = { TestApplication.class, HandshakeInfoTests.Who.class, JwtDedicatedPortTest.Keys.class,
                ConfiguredAuthoritiesDedicatedPortTest.AdminRelay.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.multiplayer.path=/mp",
                "peersocket.server.auth.authorities[/mp]=SCOPE_relay",
                "peersocket.server.auth.authorities[/who]=SCOPE_game,SCOPE_admin",
                "peersocket.server.auth.anonymous-paths=/echo" })
class ConfiguredAuthoritiesDedicatedPortTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HandshakeInfoTests.Who who;

    @AfterEach
    void peersOfThisTestAreGone() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    @Test
    void theRelayNeedsTheConfiguredAuthorityBeforeTheUpgrade() throws Exception {
        double unauthenticated = refused("/mp", "unauthenticated");
        double forbidden = refused("/mp", "forbidden");
        assertThat(RawWebSocket.handshake(this.port, RawWebSocket.upgradeRequest(this.port, "/mp")).status())
            .isEqualTo(401);
        String player = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "alice", Instant.now().plusSeconds(600),
                "game");
        RawWebSocket.HttpResponse refused = RawWebSocket.handshake(this.port, withBearer("/mp", player));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.webSocket()).isNull();
        assertThat(refused("/mp", "unauthenticated")).isEqualTo(unauthenticated + 1);
        assertThat(refused("/mp", "forbidden")).isEqualTo(forbidden + 1);
        assertThat(this.server.peers()).isEmpty();

        String relayer = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "bob", Instant.now().plusSeconds(600),
                "game relay");
        RawWebSocket.HttpResponse admitted = RawWebSocket.handshake(this.port, withBearer("/mp", relayer));
        assertThat(admitted.status()).isEqualTo(101);
        try (RawWebSocket socket = admitted.webSocket()) {
            // The relay's first message to a new client is its id (the engine's SYS_ID):
            // the peer is one.
            RawWebSocket.Frame assigned = socket.readFrame();
            assertThat(assigned.opcode()).isEqualTo(RawWebSocket.BINARY);
            assertThat(this.server.peers()).singleElement()
                .satisfies((peer) -> assertThat(peer.handshake().principal().getName()).isEqualTo("bob"));
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aRelayHandlersOwnAuthoritiesAreCheckedBeforeTheUpgrade() throws Exception {
        String player = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "alice", Instant.now().plusSeconds(600),
                "game relay");
        assertThat(RawWebSocket.handshake(this.port, withBearer("/admin-mp", player)).status()).isEqualTo(403);
        String admin = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "root", Instant.now().plusSeconds(600),
                "admin");
        RawWebSocket.HttpResponse admitted = RawWebSocket.handshake(this.port, withBearer("/admin-mp", admin));
        assertThat(admitted.status()).isEqualTo(101);
        try (RawWebSocket socket = admitted.webSocket()) {
            assertThat(socket.readFrame().opcode()).isEqualTo(RawWebSocket.BINARY); // the
                                                                                    // relay's
                                                                                    // id
                                                                                    // message
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aPlainEndpointNeedsOneOfItsConfiguredAuthorities() throws Exception {
        String reader = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "carol", Instant.now().plusSeconds(600),
                "read");
        assertThat(RawWebSocket.handshake(this.port, withBearer("/who", reader)).status()).isEqualTo(403);
        String player = JwtDedicatedPortTest.token(JwtDedicatedPortTest.KEYS, "dave", Instant.now().plusSeconds(600),
                "game");
        RawWebSocket.HttpResponse admitted = RawWebSocket.handshake(this.port, withBearer("/who", player));
        assertThat(admitted.status()).isEqualTo(101);
        try (RawWebSocket socket = admitted.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" principal=dave ");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
    }

    @Test
    void anAnonymousPathLetsClientsWithoutCredentialsInButRefusesBadOnes() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(this.port, "/echo")) {
            socket.sendText("hello");
            assertThat(socket.readFrame().text()).isEqualTo("hello");
            assertThat(this.server.peers()).singleElement()
                .satisfies((peer) -> assertThat(peer.handshake().principal()).isNull());
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        String forged = JwtDedicatedPortTest.token(JwtDedicatedPortTest.FORGER, "mallory",
                Instant.now().plusSeconds(600), "game");
        assertThat(RawWebSocket.handshake(this.port, withBearer("/echo", forged)).status()).isEqualTo(401);
        // Other paths still need credentials.
        assertThat(RawWebSocket.handshake(this.port, RawWebSocket.upgradeRequest(this.port, "/record")).status())
            .isEqualTo(401);
    }

    /**
     * A relay for administrators, guarded by its annotation rather than by properties.
     */
    @PacketHandler(path = "/admin-mp", multiplayer = true, authorities = "SCOPE_admin")
    static class AdminRelay {

        @PeerPacket
        void received(int from, byte[] data) {
        }

    }

    private String withBearer(String path, String token) {
        return RawWebSocket.upgradeRequest(this.port, path)
            .replace("\r\n\r\n", "\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    }

    private double refused(String path, String reason) {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", path, "reason", reason)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

}
