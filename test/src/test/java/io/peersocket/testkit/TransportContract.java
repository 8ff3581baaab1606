package io.peersocket.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.peersocket.peer.Packet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link PeerSocketTestClient} must show of a real server, on each transport: the
 * subclasses start the same application on the dedicated port and on the servlet
 * container.
 */
abstract class TransportContract {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalPeerSocketUrl
    String url;

    @Autowired
    BlockingQueue<String> closeRequests;

    URI uri(String path) {
        return URI.create(this.url + path);
    }

    @Test
    void textAndBinaryComeBackInTheirOwnFrameType() {
        try (PeerSocketTestClient client = PeerSocketTestClient.connect(uri("/echo"))) {
            assertThat(client.protocol()).isEmpty();
            client.send("héllo");
            client.send(new byte[] { 0, 1, 2, (byte) 0xff });
            Packet text = client.awaitPacket(WAIT);
            Packet binary = client.awaitPacket(WAIT);
            assertThat(text.string()).isTrue();
            assertThat(text.text()).isEqualTo("héllo");
            assertThat(binary.string()).isFalse();
            assertThat(binary.data()).containsExactly(0, 1, 2, 0xff);
        }
    }

    @Test
    void aLargeMessageArrivesWhole() {
        String large = "x".repeat(60_000);
        try (PeerSocketTestClient client = PeerSocketTestClient.connect(uri("/echo"))) {
            client.send(large);
            assertThat(client.awaitPacket(WAIT).text()).isEqualTo(large);
        }
    }

    @Test
    void jsonUnderTheSelectedSubprotocol() {
        try (PeerSocketTestClient client = PeerSocketTestClient.connect(uri("/game"), "other", "game-v1")) {
            assertThat(client.protocol()).isEqualTo("game-v1");
            client.send("{\"x\":1,\"y\":2}".getBytes(StandardCharsets.UTF_8));
            Packet board = client.awaitPacket(WAIT);
            assertThat(board.string()).as("an object result goes as JSON text").isTrue();
            assertThat(board.text()).isEqualTo("{\"moves\":[{\"x\":1,\"y\":2},{\"x\":2,\"y\":1}]}");
        }
    }

    @Test
    void aRefusedHandshakeGivesItsStatus() {
        assertThatExceptionOfType(HandshakeRefusedException.class)
            .isThrownBy(() -> PeerSocketTestClient.connect(uri("/game"), "other"))
            .satisfies((refused) -> assertThat(refused.status()).isEqualTo(400));
    }

    @Test
    void theClientClosesAndTheServerAnswers() throws InterruptedException {
        this.closeRequests.clear();
        try (PeerSocketTestClient client = PeerSocketTestClient.connect(uri("/echo"))) {
            client.close(4000, "bye");
            assertThat(client.awaitClose(WAIT)).isEqualTo(new ReceivedClose(4000, "bye"));
        }
        assertThat(this.closeRequests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("4000 bye");
    }

    @Test
    void theServerClosesAndAWaitForAPacketFailsAtOnce() {
        try (PeerSocketTestClient client = PeerSocketTestClient.connect(uri("/echo"))) {
            client.send("before");
            client.send("kick");
            assertThat(client.awaitPacket(WAIT).text()).isEqualTo("before");
            assertThat(client.awaitClose(WAIT)).isEqualTo(new ReceivedClose(4001, "asked to leave"));
            // Bounded by the close, not by the timeout: an hour would fail the test's own
            // timeout.
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitPacket(Duration.ofHours(1)))
                .withMessageContaining("closed (4001 asked to leave)");
        }
    }

}
