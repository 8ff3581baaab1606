package io.peersocket.multiplayer;

import java.net.URI;
import java.time.Duration;

import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In poll dispatch the relay still routes between clients as packets arrive; only peer
 * 1's signals wait for {@code poll()}, and then run on the polling thread, in order.
 */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.dispatch=poll" })
class RelayPollTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Autowired
    RelayTestApplication.Game game;

    @Test
    void clientsAreRelayedWithoutPollAndPeerOneHearsOnlyInPoll() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + this.port + "/mp");
        RelayTestClient a = RelayTestClient.join(uri);
        RelayTestClient b = RelayTestClient.join(uri);
        a.next();
        b.next();
        a.send(b.id, "direct");
        a.send(0, "ping-server:x");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">" + b.id + ":direct");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">0:ping-server:x");
        a.expectNothing(Duration.ofMillis(300));
        assertThat(this.game.events).isEmpty();

        this.server.poll();
        assertThat(this.game.events).containsExactly("connected " + a.id, "connected " + b.id,
                "packet " + a.id + ">0:ping-server:x");
        assertThat(a.nextPayload()).isEqualTo("1>" + a.id + ":pong-server:x");
        a.socket.abort();
        b.socket.abort();
    }

}
