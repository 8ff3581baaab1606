package io.peersocket.client;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.peersocket.multiplayer.RelayTestApplication;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two client templates in relay mode against our own relay (a
 * {@code @PacketHandler(multiplayer = true)} endpoint at /mp on the dedicated port): ids,
 * the peer list, targeted packets between them and to the relay's application (peer 1),
 * the leave, in push mode and in poll mode; and connection_failed when nothing listens.
 */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class RelayClientJavaRelayTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    RelayTestApplication.Game game;

    @Test
    void twoClientsInPushModeExchangeTargetedPackets() {
        run(DispatchMode.PUSH);
    }

    @Test
    void twoClientsInPollModeExchangeTargetedPackets() {
        run(DispatchMode.POLL);
    }

    private void run(DispatchMode mode) {
        String url = "ws://127.0.0.1:" + this.port + "/mp";
        RelayRecorder aEvents = new RelayRecorder();
        RelayRecorder bEvents = new RelayRecorder();
        PeerSocketClient a = PeerSocketClientBuilder.create().name("a").dispatch(mode).listener(aEvents).build();
        PeerSocketClient b = PeerSocketClientBuilder.create().name("b").dispatch(mode).listener(bEvents).build();
        Thread poller = (mode == DispatchMode.POLL) ? pollLoop(a, b) : null;
        try {
            assertThat(a.connectToUrl(url, List.of(), true, Map.of())).isEqualTo(PeerError.OK);
            aEvents.await("succeeded");
            RelayClient ra = a.multiplayer();
            int idA = ra.getUniqueId();
            assertThat(idA).isGreaterThan(1);
            assertThat(aEvents.events).containsExactly("peer-connected 1", "succeeded");
            assertThat(ra.getPeerIds()).containsExactly(1);

            assertThat(b.connectToUrl(url, List.of(), true, Map.of())).isEqualTo(PeerError.OK);
            bEvents.await("peer-connected " + idA);
            RelayClient rb = b.multiplayer();
            int idB = rb.getUniqueId();
            assertThat(bEvents.events).containsExactly("peer-connected 1", "succeeded", "peer-connected " + idA);
            aEvents.await("peer-connected " + idB);
            assertThat(ra.getPeerIds()).containsExactlyInAnyOrder(1, idB);

            // Targeted: a -> b, b -> a (set_target_peer then put_packet), a -> 1 (the
            // relay's application).
            assertThat(ra.send(idB, "a to b")).isEqualTo(PeerError.OK);
            rb.setTargetPeer(idA);
            assertThat(rb.putPacket("b to a".getBytes())).isEqualTo(PeerError.OK);
            assertThat(ra.send(1, "ping-server:x")).isEqualTo(PeerError.OK);
            bEvents.await("packet " + idA + ": a to b");
            aEvents.await("packet " + idB + ": b to a");
            aEvents.await("packet 1: pong-server:x");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> this.game.events.contains("packet " + idA + ">1:ping-server:x"));
            // Everybody but b: only the application gets it, b does not.
            ra.send(-idB, "not for b");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> this.game.events.contains("packet " + idA + ">" + (-idB) + ":not for b"));
            // Everybody: b gets it.
            ra.send(0, "for all");
            bEvents.await("packet " + idA + ": for all");
            assertThat(bEvents.events).doesNotContain("packet " + idA + ": not for b");

            b.disconnectFromHost();
            aEvents.await("peer-disconnected " + idB);
            bEvents.await("server-disconnected");
            assertThat(ra.getPeerIds()).containsExactly(1);
            assertThat(rb.getPeerIds()).isEmpty();
            a.disconnectFromHost();
            aEvents.await("server-disconnected");
            assertThat(aEvents.events).noneMatch((e) -> e.startsWith("PLAIN") || e.contains("signal said"));
            assertThat(bEvents.events).noneMatch((e) -> e.startsWith("PLAIN") || e.contains("signal said"));
            assertThat(ra.getDroppedCount() + rb.getDroppedCount()).isZero();
        }
        finally {
            if (poller != null) {
                poller.interrupt();
            }
            a.shutdown(Duration.ofSeconds(5));
            b.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void nothingListeningIsConnectionFailed() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        RelayRecorder events = new RelayRecorder();
        PeerSocketClient client = PeerSocketClientBuilder.create()
            .name("nobody")
            .listener(events)
            .handshakeTimeout(Duration.ofSeconds(3))
            .build();
        try {
            assertThat(client.connectToUrl("ws://127.0.0.1:" + free + "/mp", List.of(), true, Map.of()))
                .isEqualTo(PeerError.OK);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> events.events.stream().anyMatch((e) -> e.startsWith("failed")));
            assertThat(events.events).hasSize(1).allMatch((e) -> e.startsWith("failed"));
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    private static Thread pollLoop(PeerSocketClient... clients) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (PeerSocketClient client : clients) {
                    client.poll();
                }
                try {
                    Thread.sleep(5);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "test-poll-loop");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

}
