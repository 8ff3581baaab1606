package io.peersocket.test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real RFC 6455 client for tests: the JDK's own {@link WebSocket}, collecting whole
 * messages (partial frames joined) and the close frame it receives. Every wait is
 * bounded.
 */
public final class JdkClient implements WebSocket.Listener {

    /** One received message. */
    public record Message(byte[] data, boolean text) {

        public String string() {
            return new String(this.data, StandardCharsets.UTF_8);
        }

    }

    /** The close frame received. */
    public record Close(int code, String reason) {
    }

    public static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    private final CompletableFuture<Close> closed = new CompletableFuture<>();

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private final StringBuilder partialText = new StringBuilder();

    private WebSocket socket;

    public static JdkClient connect(URI uri, String... protocols) {
        JdkClient client = new JdkClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (protocols.length > 0) {
            builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    public WebSocket socket() {
        return this.socket;
    }

    public String protocol() {
        return this.socket.getSubprotocol();
    }

    public void sendText(String text) {
        this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] data) {
        this.socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public void close(int code, String reason) {
        this.socket.sendClose(code, reason).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        this.socket.abort();
    }

    public Message next() {
        return next(Duration.ofSeconds(10));
    }

    public Message next(Duration timeout) {
        try {
            Message message = this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + timeout);
            }
            return message;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    public Message poll(Duration timeout) throws InterruptedException {
        return this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Close awaitClose() {
        return this.closed.orTimeout(10, TimeUnit.SECONDS).join();
    }

    public CompletableFuture<Close> closeFuture() {
        return this.closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        this.partialText.append(data);
        if (last) {
            this.messages.add(new Message(this.partialText.toString().getBytes(StandardCharsets.UTF_8), true));
            this.partialText.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        this.partial.writeBytes(bytes);
        if (last) {
            this.messages.add(new Message(this.partial.toByteArray(), false));
            this.partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        this.closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.closed.completeExceptionally(error);
    }

}
