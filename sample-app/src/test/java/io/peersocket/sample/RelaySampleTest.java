package io.peersocket.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.sample.security.SampleTokens;
import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's relay at {@code /mp}, spoken at the packet level as a Godot client with
 * {@code gd_mp_api = true} does: the application (peer 1) answers {@code ping-server:X}
 * with {@code pong-server:X} to the sender only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "peersocket.server.port=0")
class RelaySampleTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    SampleTokens tokens;

    @Test
    void peerOneAnswersPingServerToTheSenderOnly() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + this.port + "/mp");
        // The relay needs a player's token (application.yml), sent as a native client
        // does: a header.
        String token = this.tokens.issue("player", "player", Duration.ofMinutes(10));
        Client a = Client.join(uri, token);
        Client b = Client.join(uri, token);
        assertThat(b.next()).isEqualTo(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, a.id)));
        assertThat(a.next()).isEqualTo(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, b.id)));

        a.send(1, "ping-server:one");
        assertThat(a.next()).isEqualTo(payload(1, a.id, "pong-server:one"));
        a.send(0, "ping-server:all");
        assertThat(b.next()).isEqualTo(payload(a.id, 0, "ping-server:all"));
        assertThat(a.next()).isEqualTo(payload(1, a.id, "pong-server:all"));
        a.send(-1, "ping-server:not-the-server");
        assertThat(b.next()).isEqualTo(payload(a.id, -1, "ping-server:not-the-server"));
        a.send(b.id, "hello b");
        assertThat(b.next()).isEqualTo(payload(a.id, b.id, "hello b"));
        assertThat(a.messages.poll(300, TimeUnit.MILLISECONDS)).as("no pong for -1").isNull();
        assertThat(b.messages.poll(1, TimeUnit.MILLISECONDS)).as("pongs go to the sender only").isNull();
        a.socket.abort();
        assertThat(b.next()).isEqualTo(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_DEL, a.id)));
        b.socket.abort();
    }

    private static RelayFrame payload(int from, int to, String text) {
        return new RelayFrame(RelayFrame.PAYLOAD, from, to, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A relay client on the JDK's WebSocket; relay messages are small, so each arrives
     * whole.
     */
    static final class Client implements WebSocket.Listener {

        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();

        WebSocket socket;

        int id;

        static Client join(URI uri, String token) throws Exception {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, client)
                .get(10, TimeUnit.SECONDS);
            RelayFrame hello = client.next();
            assertThat(hello.type()).isEqualTo(RelayFrame.SYS_ID);
            client.id = hello.peerId();
            assertThat(client.next()).isEqualTo(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, 1)));
            return client;
        }

        void send(int to, String text) {
            this.socket
                .sendBinary(ByteBuffer.wrap(RelayFrame.payload(this.id, to, text.getBytes(StandardCharsets.UTF_8))),
                        true)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        }

        RelayFrame next() throws InterruptedException {
            byte[] message = this.messages.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return RelayFrame.decode(message);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            this.messages.add(bytes);
            webSocket.request(1);
            return null;
        }

    }

}
