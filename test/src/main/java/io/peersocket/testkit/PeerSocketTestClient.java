package io.peersocket.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.peersocket.peer.Packet;
import org.jspecify.annotations.Nullable;

/**
 * A blocking WebSocket client for tests of a peersocket application, on the JDK's own
 * {@link WebSocket} (no other dependency): it plays the part of a game or a browser
 * against an endpoint on either transport and lets the test assert what such a peer
 * really receives. <pre>{@code
 * try (PeerSocketTestClient client = PeerSocketTestClient.connect(URI.create(url + "/chat"), "chat-v1")) {
 *     client.send("hello");
 *     assertThat(client.awaitPacket(Duration.ofSeconds(5)).text()).isEqualTo("echo: hello");
 *     client.close(1000, "bye");
 *     assertThat(client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
 * }
 * }</pre> Messages are collected whole (fragments joined) with their frame type, in
 * arrival order, from the moment the handshake completes. Every wait is bounded: a wait
 * that runs out fails with an {@link AssertionError} that says what did not arrive, and a
 * wait for a packet on a closed connection fails at once with the close it got. Not for
 * concurrent use by several test threads.
 */
public final class PeerSocketTestClient implements AutoCloseable {

    /**
     * How long {@link #connect}, the sends and the waits without a timeout of their own
     * wait.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    // One client (and selector thread) for every connection of the test JVM.
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI uri;

    private final Duration timeout;

    // Packets and, last, the close: awaitPacket must not wait past a close.
    private final BlockingDeque<Object> events = new LinkedBlockingDeque<>();

    private final CompletableFuture<ReceivedClose> closed = new CompletableFuture<>();

    private final WebSocket socket;

    private PeerSocketTestClient(URI uri, Duration timeout, Map<String, String> headers, String[] protocols) {
        this.uri = uri;
        this.timeout = timeout;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        if (protocols.length > 0) {
            builder.subprotocols(protocols[0], Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        try {
            this.socket = builder.buildAsync(uri, new Collector()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefusedException(uri, refused.getResponse().statusCode(), refused);
            }
            throw new IllegalStateException("Could not connect to " + uri + ": " + ex.getCause(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new AssertionError("No WebSocket handshake with " + uri + " within " + timeout, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to " + uri, ex);
        }
    }

    /**
     * Opens a connection and waits for the handshake.
     * @param uri the endpoint, e.g. {@code ws://127.0.0.1:9080/chat}
     * @param protocols the subprotocols to offer, in order of preference (none: no
     * header)
     * @return the connected client
     * @throws HandshakeRefusedException when the server answers with an HTTP status
     * instead of 101
     * @throws IllegalStateException when no connection can be made
     */
    public static PeerSocketTestClient connect(URI uri, String... protocols) {
        return builder().connect(uri, protocols);
    }

    /**
     * @return a builder for a connection with request headers or another timeout
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the subprotocol the server selected, empty when none
     */
    public String protocol() {
        return this.socket.getSubprotocol();
    }

    /**
     * @return whether neither side has sent its close frame nor the connection dropped
     */
    public boolean isOpen() {
        return !this.closed.isDone() && !this.socket.isOutputClosed();
    }

    /**
     * Sends a text message and waits until it is written.
     * @param text the message
     */
    public void send(String text) {
        await(this.socket.sendText(text, true), "send a text message");
    }

    /**
     * Sends a binary message and waits until it is written.
     * @param data the message
     */
    public void send(byte[] data) {
        await(this.socket.sendBinary(ByteBuffer.wrap(data), true), "send a binary message");
    }

    /**
     * Sends a close frame; the server's answer is then {@link #awaitClose(Duration)}'s.
     * @param code the close code
     * @param reason the reason (at most 123 UTF-8 bytes)
     */
    public void close(int code, String reason) {
        await(this.socket.sendClose(code, reason), "send a close frame");
    }

    /**
     * @return the next packet, waiting at most {@link #DEFAULT_TIMEOUT}
     */
    public Packet awaitPacket() {
        return awaitPacket(this.timeout);
    }

    /**
     * Takes the next received message.
     * @param timeout how long to wait for it
     * @return the message: its bytes and whether it came in a text frame
     * ({@link Packet#string()})
     * @throws AssertionError when none arrives in time, or the connection closed first
     */
    public Packet awaitPacket(Duration timeout) {
        Object event;
        try {
            event = this.events.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a packet from " + this.uri, ex);
        }
        if (event == null) {
            throw new AssertionError("No packet from " + this.uri + " within " + timeout);
        }
        if (event instanceof ReceivedClose close) {
            this.events.offerFirst(close); // every later wait sees it too
            throw new AssertionError(
                    "The connection to " + this.uri + " closed (" + close + ") before another packet arrived");
        }
        return (Packet) event;
    }

    /**
     * @return the close, waiting at most {@link #DEFAULT_TIMEOUT}
     */
    public ReceivedClose awaitClose() {
        return awaitClose(this.timeout);
    }

    /**
     * Waits for the connection to close, whatever packets are still unread.
     * @param timeout how long to wait
     * @return the server's close frame, or code 1006 when the connection dropped without
     * one
     * @throws AssertionError when it is still open after the timeout
     */
    public ReceivedClose awaitClose(Duration timeout) {
        return await(this.closed, timeout, "close");
    }

    /** Drops the connection without a close handshake if it is still open. */
    @Override
    public void close() {
        this.socket.abort();
    }

    @Override
    public String toString() {
        return "PeerSocketTestClient " + this.uri;
    }

    private void await(CompletableFuture<?> future, String what) {
        await(future, this.timeout, what);
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            throw new AssertionError("Could not " + what + " on " + this.uri + " within " + timeout, ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not " + what + " on " + this.uri + ": " + ex.getCause(),
                    ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what + " on " + this.uri, ex);
        }
    }

    /** Options of a connection. */
    public static final class Builder {

        private final Map<String, String> headers = new LinkedHashMap<>();

        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * @param name a request header of the upgrade request, e.g. {@code Origin}
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        /**
         * @param timeout the wait of the handshake, the sends and the waits without a
         * timeout of their own; {@link #DEFAULT_TIMEOUT} unless set
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @param uri the endpoint
         * @param protocols the subprotocols to offer
         * @return the connected client
         * @see PeerSocketTestClient#connect(URI, String...)
         */
        public PeerSocketTestClient connect(URI uri, String... protocols) {
            return new PeerSocketTestClient(uri, this.timeout, this.headers, protocols);
        }

    }

    /** Joins fragments into packets; called by the JDK one callback at a time. */
    private final class Collector implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.text.append(data);
            if (last) {
                events.offer(new Packet(this.text.toString().getBytes(StandardCharsets.UTF_8), true));
                this.text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            this.binary.writeBytes(bytes);
            if (last) {
                events.offer(new Packet(this.binary.toByteArray(), false));
                this.binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        // Returning at once lets the JDK answer the server's close frame, completing the
        // handshake.
        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(new ReceivedClose(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(new ReceivedClose(ReceivedClose.ABNORMAL,
                    (error instanceof IOException) ? error.toString() : "client error: " + error));
        }

        private void closed(ReceivedClose close) {
            if (PeerSocketTestClient.this.closed.complete(close)) {
                events.offer(close);
            }
        }

    }

}
