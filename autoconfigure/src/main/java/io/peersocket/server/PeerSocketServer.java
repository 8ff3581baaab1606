package io.peersocket.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.core.PeerEndpoint;
import io.peersocket.core.PeerRuntime;
import io.peersocket.core.PeerSession;
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
        return this.runtime.poll();
    }

    /**
     * Stops accepting, closes every peer with 1001 (going away) and waits up to the timeout
     * for the closes to complete ({@code stop()}).
     * @param timeout how long to wait
     * @return whether every peer closed in time
     */
    public boolean stop(Duration timeout) {
        this.transports.forEach(ServerTransport::stopAccepting);
        Collection<PeerSession> open = new ArrayList<>(this.runtime.registry().all());
        open.forEach((peer) -> peer.close(1001, "Server shutting down"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.stream().anyMatch(PeerSession::isOpen) && System.nanoTime() < deadline) {
            if (this.runtime.dispatchMode() == io.peersocket.core.DispatchMode.POLL) {
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
        long left = open.stream().filter(PeerSession::isOpen).count();
        if (left > 0) {
            logger.warn(left + " peer(s) did not finish closing within " + timeout + "; dropping them");
        }
        return left == 0;
    }

    /** Stops with a 5 second wait, as {@link #stop(Duration)}. */
    public void stop() {
        stop(Duration.ofSeconds(5));
    }

}
