package io.peersocket.multiplayer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's options beyond the engine: strict mode closes a client that breaks the
 * protocol, client-to-client relay off makes the server authoritative, and peers may go
 * unannounced.
 */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.multiplayer.strict=true",
                "peersocket.server.multiplayer.client-to-client=false",
                "peersocket.server.multiplayer.announce-peers=false" })
class RelayOptionsTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    RelayServer relay;

    @Autowired
    RelayTestApplication.Game game;

    @Test
    void serverAuthoritativeStrictAndUnannounced() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + this.port + "/mp");
        RelayTestClient a = RelayTestClient.join(uri);
        RelayTestClient b = RelayTestClient.join(uri);
        RelayTestClient c = RelayTestClient.join(uri);
        a.expectNothing(Duration.ofMillis(200)); // no SYS_ADD for b or c
        assertThat(this.relay.getPeerIds()).hasSize(3);

        a.send(b.id, "to-b");
        a.send(0, "to-all");
        a.send(-b.id, "not-b");
        b.expectNothing(Duration.ofMillis(300));
        c.expectNothing(Duration.ofMillis(1));
        await().untilAsserted(() -> assertThat(this.game.packets()).containsExactly(a.id + ">0:to-all",
                a.id + ">" + (-b.id) + ":not-b"));
        assertThat(this.relay.getDroppedCount(RelayServer.DROP_CLIENT_RELAY_OFF)).isEqualTo(1);

        this.relay.putPacket(b.id, "from-server".getBytes(StandardCharsets.UTF_8));
        assertThat(b.nextPayload()).isEqualTo("1>" + b.id + ":from-server");

        c.sendRaw(RelayFrame.payload(a.id, 0, "spoofed".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.socket.awaitClose().code()).as("strict: closed for a spoofed from").isEqualTo(1008);
        await().until(() -> !this.relay.hasPeer(c.id));
        a.expectNothing(Duration.ofMillis(200)); // no SYS_DEL either
        b.expectNothing(Duration.ofMillis(1));
        assertThat(this.relay.getDroppedCount(RelayServer.DROP_SPOOFED_FROM)).isEqualTo(1);
        a.send(1, "ping-server:still-here");
        assertThat(a.nextPayload()).isEqualTo("1>" + a.id + ":pong-server:still-here");
        a.socket.abort();
        b.socket.abort();
    }

}
