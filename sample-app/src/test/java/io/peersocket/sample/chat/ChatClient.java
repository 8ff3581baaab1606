package io.peersocket.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A chat client on the JDK's own WebSocket: sends commands, reads events as JSON. Every wait is bounded. */
final class ChatClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final StringBuilder partial = new StringBuilder();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private WebSocket socket;

    static ChatClient connect(int port, String... headers) {
        ChatClient client = new ChatClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), client)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
        return client;
    }

    /** Connects and joins; returns once the welcome arrived (the hello before it is consumed). */
    static ChatClient join(int port, String name) {
        ChatClient client = connect(port);
        client.expect("hello");
        client.send(Map.of("type", "join", "name", name));
        client.expect("welcome");
        return client;
    }

    void send(Object command) {
        sendRaw(JSON.writeValueAsString(command));
    }

    void sendRaw(String text) {
        this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** @return the next event, within 5 seconds */
    JsonNode next() {
        try {
            String event = this.events.poll(5, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("No chat event within 5 s");
            }
            return JSON.readTree(event);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** @return the next event, which must be of this type */
    JsonNode expect(String type) {
        JsonNode event = next();
        if (!type.equals(event.path("type").asString())) {
            throw new AssertionError("Expected a '" + type + "' event but got " + event);
        }
        return event;
    }

    /** @return whether no event is waiting */
    boolean idle() {
        return this.events.isEmpty();
    }

    /** @return the close code the server sent, within 5 seconds */
    int closeCode() {
        return this.closed.orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        this.partial.append(data);
        if (last) {
            this.events.add(this.partial.toString());
            this.partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        this.closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.closed.completeExceptionally(error);
    }

    /** Drops the TCP connection without a close frame. */
    void abortNow() {
        this.socket.abort();
    }

    @Override
    public void close() {
        if (!this.socket.isOutputClosed()) {
            this.socket.sendClose(1000, "").orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
        }
        this.socket.abort();
    }

}
