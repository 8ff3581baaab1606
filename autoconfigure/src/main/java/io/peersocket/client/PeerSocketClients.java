package io.peersocket.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The named connections of {@code peersocket.client.connections}, by name. Connects those
 * with {@code auto-connect} when the application starts (after the server's dedicated
 * port), and on shutdown closes every client, named or built in code, with 1001 (going
 * away) and waits for the closes before the server stops.
 */
public final class PeerSocketClients implements SmartLifecycle {

    /** Starts after the server's dedicated port and stops before it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 256;

    private static final Log logger = LogFactory.getLog(PeerSocketClients.class);

    private final Map<String, PeerSocketClient> clients;

    private final Set<String> autoConnect;

    private final Set<PeerSocketClient> built;

    private final Duration shutdownTimeout;

    private volatile boolean running;

    /**
     * @param clients the named clients
     * @param autoConnect the names to connect on start
     * @param built every client made by the application's builders (a weak set), closed
     * on shutdown too
     * @param shutdownTimeout how long to wait for the closes
     */
    public PeerSocketClients(Map<String, PeerSocketClient> clients, Set<String> autoConnect,
            Set<PeerSocketClient> built, Duration shutdownTimeout) {
        this.clients = new LinkedHashMap<>(clients);
        this.autoConnect = Set.copyOf(autoConnect);
        this.built = built;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * @param name a connection name
     * @return the client, or {@code null} when no such connection is configured
     */
    public @Nullable PeerSocketClient get(String name) {
        return this.clients.get(name);
    }

    /**
     * @param name a connection name
     * @return the client
     * @throws IllegalArgumentException when no such connection is configured
     */
    public PeerSocketClient require(String name) {
        PeerSocketClient client = this.clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException(
                    "No client connection '" + name + "'; configured: " + this.clients.keySet());
        }
        return client;
    }

    /**
     * @param name a connection name
     * @return whether it connects when the application starts ({@code auto-connect})
     */
    public boolean isAutoConnect(String name) {
        return this.autoConnect.contains(name);
    }

    /**
     * @return every named client, by name
     */
    public Map<String, PeerSocketClient> all() {
        return Map.copyOf(this.clients);
    }

    @Override
    public void start() {
        this.running = true;
        this.clients.forEach((name, client) -> {
            if (this.autoConnect.contains(name)) {
                logger.info("Connecting client '" + name + "' to " + client.getUrl());
                client.connect();
            }
        });
    }

    @Override
    public void stop() {
        this.running = false;
        List<PeerSocketClient> all = new ArrayList<>(this.clients.values());
        synchronized (this.built) {
            for (PeerSocketClient client : this.built) {
                if (!all.contains(client)) {
                    all.add(client);
                }
            }
        }
        all.forEach((client) -> client.disconnectFromHost(1001, "Going away"));
        long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
        for (PeerSocketClient client : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            client.shutdown(Duration.ofNanos(left));
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * @return the clients, for diagnostics
     */
    public Collection<PeerSocketClient> clients() {
        return this.clients.values();
    }

}
