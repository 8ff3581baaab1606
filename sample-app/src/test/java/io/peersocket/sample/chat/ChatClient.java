package io.peersocket.sample.chat;

import java.net.URI;
import java.util.Map;

import io.peersocket.peer.Packet;
import io.peersocket.testkit.PeerSocketTestClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat client: sends commands and reads events as JSON over the project's test client
 * (the JDK's own WebSocket). Every wait is bounded.
 */
final class ChatClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PeerSocketTestClient socket;

    // The welcome event that join() read, if it joined.
    private @Nullable JsonNode welcome;

    private ChatClient(PeerSocketTestClient socket) {
        this.socket = socket;
    }

    /**
     * @param port the WebSocket port
     * @param token a bearer token (the chat needs a player's), {@code null} for none
     * @param headers request headers, as name, value, name, value...
     * @return the connected client
     */
    static ChatClient connect(int port, @Nullable String token, String... headers) {
        PeerSocketTestClient.Builder builder = PeerSocketTestClient.builder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return new ChatClient(builder.connect(URI.create("ws://127.0.0.1:" + port + "/chat")));
    }

    /**
     * Connects and joins; returns once the welcome arrived (the hello before it is
     * consumed).
     */
    static ChatClient join(int port, String token, String name) {
        ChatClient client = connect(port, token);
        client.expect("hello");
        client.send(Map.of("type", "join", "name", name));
        client.welcome = client.expect("welcome");
        return client;
    }

    /**
     * @return the names the welcome listed, in its order
     */
    java.util.List<String> welcomedUsers() {
        if (this.welcome == null) {
            throw new AssertionError("This client has not joined");
        }
        java.util.List<String> users = new java.util.ArrayList<>();
        this.welcome.path("users").forEach((user) -> users.add(user.asString()));
        return users;
    }

    void send(Object command) {
        sendRaw(JSON.writeValueAsString(command));
    }

    void sendRaw(String text) {
        this.socket.send(text);
    }

    /**
     * @return the next event, which must be of this type and come as text
     */
    JsonNode expect(String type) {
        Packet packet = this.socket.awaitPacket();
        if (!packet.string()) {
            throw new AssertionError("Expected a '" + type + "' event in a text frame but got a binary frame");
        }
        JsonNode event = JSON.readTree(packet.text());
        if (!type.equals(event.path("type").asString())) {
            throw new AssertionError("Expected a '" + type + "' event but got " + event);
        }
        return event;
    }

    /** Drops the TCP connection without a close frame. */
    void abortNow() {
        this.socket.close();
    }

    /**
     * Closes with 1000 and waits for the server's answer, unless the connection is closed
     * already.
     */
    @Override
    public void close() {
        try (this.socket) {
            if (this.socket.isOpen()) {
                this.socket.close(1000, "");
                this.socket.awaitClose();
            }
        }
    }

}
