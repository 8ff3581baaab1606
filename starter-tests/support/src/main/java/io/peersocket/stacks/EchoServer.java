package io.peersocket.stacks;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The server a client-side test connects to: a plain Reactor Netty WebSocket server on
 * 127.0.0.1 (written by others than peersocket) at {@code /echo}, for one connection. It
 * records the text messages it receives and the close code it gets, and sends what the
 * test gives it.
 */
public final class EchoServer implements AutoCloseable {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private final Sinks.Many<String> outbound = Sinks.many().replay().all();

    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    // Completed when handshakes may be answered.
    private final CompletableFuture<Void> handshakes = new CompletableFuture<>();

    private final DisposableServer server;

    /** A server that answers handshakes at once. */
    public EchoServer() {
        this(false);
    }

    /**
     * @param holdHandshakes whether the answer to a handshake waits for
     * {@link #releaseHandshakes()}: the client stays connecting, and none of its handlers
     * runs, until then
     */
    public EchoServer(boolean holdHandshakes) {
        if (!holdHandshakes) {
            this.handshakes.complete(null);
        }
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes.get("/echo",
                    (request, response) -> Mono.fromFuture(this.handshakes).then(response.sendWebsocket((in, out) -> {
                        in.receiveCloseStatus().subscribe((status) -> this.closeCode.complete(status.code()));
                        in.aggregateFrames().receive().asString().subscribe(this.received::add);
                        return out.sendString(this.outbound.asFlux()).neverComplete();
                    }))))
            .bindNow(Duration.ofSeconds(10));
    }

    /** Answers the held handshakes and those to come. */
    public void releaseHandshakes() {
        this.handshakes.complete(null);
    }

    /**
     * @return the URL a client connects to
     */
    public String url() {
        return "ws://127.0.0.1:" + port() + "/echo";
    }

    /**
     * @return the port
     */
    public int port() {
        return this.server.port();
    }

    /**
     * @param text a text message for the connected client
     */
    public void send(String text) {
        this.outbound.tryEmitNext(text).orThrow();
    }

    /**
     * @param timeout how long to wait
     * @return the next text message the client sent
     * @throws AssertionError when none comes in time
     */
    public String awaitText(Duration timeout) {
        try {
            String text = this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("The client sent nothing within " + timeout);
            }
            return text;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
    }

    /**
     * @param timeout how long to wait
     * @return the close code the client sent
     */
    public int awaitCloseCode(Duration timeout) {
        try {
            return this.closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            throw new AssertionError("No close frame from the client within " + timeout, ex);
        }
    }

    @Override
    public void close() {
        this.server.disposeNow(Duration.ofSeconds(10));
    }

}
