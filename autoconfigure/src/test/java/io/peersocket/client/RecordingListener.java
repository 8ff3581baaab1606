package io.peersocket.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.peersocket.peer.Peer;

import static org.awaitility.Awaitility.await;

/**
 * Records each client signal as a line ("established 'proto'", "data text hello",
 * "close-request 1000 'bye'", "closed clean=true", "error SomeException"), the thread it
 * ran on, and the errors themselves. In data_received it reads the packet.
 */
public class RecordingListener implements ClientListener {

    public final List<String> events = new CopyOnWriteArrayList<>();

    public final List<String> threads = new CopyOnWriteArrayList<>();

    public final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private void record(String event) {
        this.events.add(event);
        this.threads.add(Thread.currentThread().getName());
    }

    @Override
    public void connectionEstablished(Peer server, String protocol) {
        record("established '" + protocol + "'");
    }

    @Override
    public void dataReceived(Peer server) {
        String text = new String(server.getPacket(), java.nio.charset.StandardCharsets.UTF_8);
        record("data " + (server.wasStringPacket() ? "text" : "binary") + " " + text);
    }

    @Override
    public void serverCloseRequest(Peer server, int code, String reason) {
        record("close-request " + code + " '" + reason + "'");
    }

    @Override
    public void connectionClosed(Peer server, boolean wasClean) {
        record("closed clean=" + wasClean);
    }

    @Override
    public void connectionError(Peer server, Throwable cause) {
        this.errors.add(cause);
        record("error " + cause.getClass().getSimpleName());
    }

    /** Waits (bounded) until some recorded line matches. */
    public void awaitEvent(Predicate<String> match) {
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> this.events.stream().anyMatch(match));
        }
        catch (org.awaitility.core.ConditionTimeoutException ex) {
            throw new AssertionError("No matching signal within 15 s; signals so far: " + this.events, ex);
        }
    }

    public void awaitEvent(String exact) {
        awaitEvent(new Predicate<>() {

            @Override
            public boolean test(String event) {
                return exact.equals(event);
            }

            @Override
            public String toString() {
                return exact;
            }

        });
    }

}
