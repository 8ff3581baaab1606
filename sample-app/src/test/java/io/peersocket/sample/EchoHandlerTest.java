package io.peersocket.sample;

import java.net.URI;
import java.time.Duration;

import io.peersocket.peer.Packet;
import io.peersocket.testkit.LocalPeerSocketUrl;
import io.peersocket.testkit.PeerSocketTestClient;
import io.peersocket.testkit.ReceivedClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "peersocket.server.port=0")
class EchoHandlerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalPeerSocketUrl
    String url;

    @Test
    void echoesEachPacketInItsOwnFrameType() {
        try (PeerSocketTestClient client = PeerSocketTestClient.connect(URI.create(this.url + "/echo"))) {
            client.send("hello");
            client.send(new byte[] { 1, 2, 3 });

            Packet text = client.awaitPacket(WAIT);
            assertThat(text.string()).isTrue();
            assertThat(text.text()).isEqualTo("hello");
            Packet binary = client.awaitPacket(WAIT);
            assertThat(binary.string()).isFalse();
            assertThat(binary.data()).containsExactly(1, 2, 3);

            client.close(1000, "bye");
            assertThat(client.awaitClose(WAIT)).isEqualTo(new ReceivedClose(1000, "bye"));
        }
    }

}
