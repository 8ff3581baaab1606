package io.peersocket.multiplayer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.peersocket.test.JdkClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay client at the packet level for tests, on the JDK's WebSocket client: what a
 * Godot client with {@code gd_mp_api = true} does, without its MultiplayerAPI. Every wait
 * is bounded.
 */
final class RelayTestClient {

    final JdkClient socket;

    int id;

    private RelayTestClient(JdkClient socket) {
        this.socket = socket;
    }

    /**
     * Connects and reads the greeting every newcomer gets first: SYS_ID(its id),
     * SYS_ADD(1).
     */
    static RelayTestClient join(URI uri) {
        RelayTestClient client = new RelayTestClient(JdkClient.connect(uri));
        RelayFrame hello = client.next();
        assertThat(hello.type()).as("first message").isEqualTo(RelayFrame.SYS_ID);
        client.id = hello.peerId();
        assertThat(client.next()).as("second message").isEqualTo(system(RelayFrame.SYS_ADD, 1));
        return client;
    }

    static RelayFrame system(int type, int id) {
        return RelayFrame.decode(RelayFrame.system(type, id));
    }

    static RelayFrame payload(int from, int to, String text) {
        return new RelayFrame(RelayFrame.PAYLOAD, from, to, text.getBytes(StandardCharsets.UTF_8));
    }

    void send(int to, String text) {
        this.socket.sendBinary(RelayFrame.payload(this.id, to, text.getBytes(StandardCharsets.UTF_8)));
    }

    void sendRaw(byte[] frame) {
        this.socket.sendBinary(frame);
    }

    RelayFrame next() {
        JdkClient.Message message = this.socket.next(Duration.ofSeconds(10));
        assertThat(message.text()).as("relay messages are binary frames").isFalse();
        return RelayFrame.decode(message.data());
    }

    /**
     * @return the next payload as "from>to:text"
     */
    String nextPayload() {
        RelayFrame frame = next();
        assertThat(frame.type()).as("a payload, got " + frame).isEqualTo(RelayFrame.PAYLOAD);
        return frame.from() + ">" + frame.to() + ":" + new String(frame.payload(), StandardCharsets.UTF_8);
    }

    /** Fails if anything arrives within the time. */
    void expectNothing(Duration within) throws InterruptedException {
        JdkClient.Message message = this.socket.poll(within);
        assertThat(message)
            .as("nothing more for peer " + this.id + ", got "
                    + ((message != null) ? RelayFrame.decode(message.data()) : null))
            .isNull();
    }

    void close() {
        this.socket.close(1000, "");
        this.socket.awaitClose();
    }

}
