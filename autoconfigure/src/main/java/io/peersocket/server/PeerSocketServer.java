package io.peersocket.server;

import io.peersocket.spi.ServerTransport;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerRuntime;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.peer.Peer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server, as the engine's {@code WebSocketServer}: its peers by id, {@code poll()},
 * {@code disconnect_peer}, {@code stop()}. One bean serves every endpoint of the application.
 */
public class PeerSocketServer {

    private static final Log logger = LogFactory.getLog(PeerSocketServer.class);

    private final PeerRuntime runtime;

    private final List<PeerEndpoint> endpoints;

    private final List<ServerTransport> transports = new CopyOnWriteArrayList<>();

    private volatile boolean draining;

    private volatile long lastPollAt;

    /**
     * @param runtime the peers, dispatch and observer shared by the endpoints
     * @param endpoints the endpoints
     */
    public PeerSocketServer(PeerRuntime runtime, List<PeerEndpoint> endpoints) {
        this.runtime = runtime;
        this.endpoints = List.copyOf(endpoints);
    }

    /** @param transport a transport that serves this server's endpoints */
    public void addTransport(ServerTransport transport) {
        this.transports.add(transport);
    }

    /** @return the endpoints */
    public List<PeerEndpoint> endpoints() {
        return this.endpoints;
    }

    /** @return the runtime (dispatch mode, registry, observer) */
    public PeerRuntime runtime() {
        return this.runtime;
    }

    /** @return whether a transport accepts connections ({@code is_listening}) */
    public boolean isListening() {
        return this.transports.stream().anyMatch(ServerTransport::isListening);
    }

    /** @return the port the dedicated transport listens on, or -1 */
    public int port() {
        return this.transports.stream().mapToInt(ServerTransport::port).filter((p) -> p > 0).findFirst().orElse(-1);
    }

    /**
     * Whether a peer is connected, as {@code has_peer(id)}.
     * @param id the peer id
     * @return whether a peer with this id is connected
     */
    public boolean hasPeer(int id) {
        return this.runtime.registry().get(id) != null;
    }

    /**
     * The peer with an id, as {@code get_peer(id)}.
     * @param id the peer id
     * @return the peer, or {@code null} when none is connected with that id
     */
    public @Nullable Peer getPeer(int id) {
        return this.runtime.registry().get(id);
    }

    /** @return the connected peers */
    public Collection<? extends Peer> peers() {
        return this.runtime.registry().all();
    }

    /**
     * The remote address of a peer, as {@code get_peer_address(id)}.
     * @param id the peer id
     * @return the peer's remote address, or an empty string when there is no such peer
     */
    public String getPeerAddress(int id) {
        Peer peer = getPeer(id);
        return (peer != null) ? peer.getConnectedHost() : "";
    }

    /**
     * The remote port of a peer, as {@code get_peer_port(id)}.
     * @param id the peer id
     * @return the peer's remote port, or 0 when there is no such peer
     */
    public int getPeerPort(int id) {
        Peer peer = getPeer(id);
        return (peer != null) ? peer.getConnectedPort() : 0;
    }

    /**
     * Closes a peer with 1000 and no reason, as {@code disconnect_peer(id)}; its disconnect signal follows.
     * @param id the peer id
     */
    public void disconnectPeer(int id) {
        disconnectPeer(id, 1000, "");
    }

    /**
     * Closes a peer ({@code disconnect_peer(id, code, reason)}); its disconnect signal follows.
     * @param id the peer
     * @param code the close code
     * @param reason the reason
     */
    public void disconnectPeer(int id, int code, String reason) {
        Peer peer = getPeer(id);
        if (peer != null) {
            peer.close(code, reason);
        }
    }

    /**
     * Delivers every pending event on the calling thread, in order ({@code poll()}). Needed only
     * with {@code peersocket.server.dispatch=poll}; harmless in push mode.
     * @return how many events were delivered
     */
    public int poll() {
        this.lastPollAt = System.currentTimeMillis();
        return this.runtime.poll();
    }

    /**
     * @return when {@link #poll()} was last called (milliseconds since the epoch), 0 if never: how
     * the poll watchdog tells an application that forgot to poll
     */
    public long lastPollAt() {
        return this.lastPollAt;
    }

    /**
     * Stops accepting, closes every peer with 1001 (going away) and waits up to the timeout
     * for the closes to complete ({@code stop()}); the peers still open then are dropped without
     * a close handshake and counted ({@link PeerSocketObserver#droppedOnShutdown(String)}).
     * @param timeout how long to wait
     * @return whether every peer closed in time
     */
    public boolean stop(Duration timeout) {
        this.draining = true;
        this.transports.forEach(ServerTransport::stopAccepting);
        Set<PeerSession> closing = new HashSet<>();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        logger.info("Stopping: closing " + this.runtime.registry().size() + " peer(s) with 1001, waiting up to "
                + timeout.toMillis() + " ms");
        while (closeEveryPeer(closing) && System.nanoTime() < deadline) {
            if (this.runtime.dispatchMode() == io.peersocket.peer.DispatchMode.POLL) {
                poll();
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<PeerSession> left = this.runtime.registry().all().stream().filter(PeerSession::isOpen).toList();
        if (left.isEmpty()) {
            logger.info("Stopped: every peer closed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        else {
            logger.warn(left.size() + " peer(s) did not finish closing within " + timeout + "; dropping them");
            for (PeerSession peer : left) {
                this.runtime.observer().droppedOnShutdown(peer.path());
                peer.abort();
            }
        }
        return left.isEmpty();
    }

    // Closes with 1001 each peer not closed yet (one may have completed its upgrade as accepting
    // stopped); returns whether a peer is still open.
    private boolean closeEveryPeer(Set<PeerSession> closing) {
        boolean open = false;
        for (PeerSession peer : this.runtime.registry().all()) {
            if (closing.add(peer)) {
                peer.close(1001, "Server shutting down");
            }
            open |= peer.isOpen();
        }
        return open;
    }

    /**
     * @return whether {@link #stop(Duration)} has begun: new peers are refused and the open ones
     * are being closed (health reports OUT_OF_SERVICE)
     */
    public boolean isDraining() {
        return this.draining;
    }

    /** Stops with a 5 second wait, as {@link #stop(Duration)}. */
    public void stop() {
        stop(Duration.ofSeconds(5));
    }

}
