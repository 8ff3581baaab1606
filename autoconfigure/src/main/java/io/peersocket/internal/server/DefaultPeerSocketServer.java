package io.peersocket.internal.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerRuntime;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.Peer;
import io.peersocket.server.OpenPeer;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.spi.RemotePeers;
import io.peersocket.spi.ServerTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of {@link PeerSocketServer}: the API's calls on the core's
 * registry and dispatch, the endpoints and the runtime for the transports and the
 * lifecycle beans, and the transports that serve the endpoints.
 */
public final class DefaultPeerSocketServer implements PeerSocketServer {

    // The API's name, as before the split: what operators grep for in the logs.
    private static final Log logger = LogFactory.getLog(PeerSocketServer.class);

    private final PeerRuntime runtime;

    private final List<PeerEndpoint> endpoints;

    private final List<ServerTransport> transports;

    private volatile boolean draining;

    private volatile long lastPollAt;

    // Peers on other instances (io.peersocket.cluster); none unless set.
    private volatile RemotePeers remotePeers = (id) -> null;

    /**
     * Made by {@link PeerSocketServerFactory}, which owns the order of assembly.
     * @param runtime the peers, dispatch and observer shared by the endpoints
     * @param endpoints the endpoints
     * @param transports what serves the endpoints
     */
    DefaultPeerSocketServer(PeerRuntime runtime, List<PeerEndpoint> endpoints,
            List<? extends ServerTransport> transports) {
        this.runtime = runtime;
        this.endpoints = List.copyOf(endpoints);
        this.transports = List.copyOf(transports);
    }

    /**
     * @param remotePeers where {@link #getPeer(int)} (so {@code hasPeer}, the peer's
     * address and port, {@code disconnectPeer}) looks for a peer not connected here; set
     * once, before peers connect
     */
    public void setRemotePeers(RemotePeers remotePeers) {
        this.remotePeers = remotePeers;
    }

    /**
     * @return the endpoints
     */
    public List<PeerEndpoint> endpoints() {
        return this.endpoints;
    }

    /**
     * @return the runtime (dispatch mode, registry, observer)
     */
    public PeerRuntime runtime() {
        return this.runtime;
    }

    @Override
    public boolean isListening() {
        return this.transports.stream().anyMatch(ServerTransport::isListening);
    }

    @Override
    public int port() {
        return this.transports.stream().mapToInt(ServerTransport::port).filter((p) -> p > 0).findFirst().orElse(-1);
    }

    @Override
    public @Nullable Peer getPeer(int id) {
        Peer local = this.runtime.registry().get(id);
        return (local != null) ? local : this.remotePeers.find(id);
    }

    @Override
    public Collection<? extends Peer> peers() {
        return this.runtime.registry().all();
    }

    @Override
    public int poll() {
        this.lastPollAt = System.currentTimeMillis();
        return this.runtime.poll();
    }

    /**
     * @return when {@link #poll()} was last called (milliseconds since the epoch), 0 if
     * never: how the poll watchdog tells an application that forgot to poll
     */
    public long lastPollAt() {
        return this.lastPollAt;
    }

    /**
     * Serves again after {@link #stop(Duration)}: the application context was stopped and
     * started again (as the test framework does with a cached context it paused), so new
     * peers must not keep getting the 503 of a draining server.
     */
    public void resume() {
        this.draining = false;
        this.transports.forEach(ServerTransport::resumeAccepting);
    }

    @Override
    public boolean stop(Duration timeout) {
        this.draining = true;
        this.transports.forEach(ServerTransport::stopAccepting);
        Set<PeerSession> closing = new HashSet<>();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        logger.info("Stopping: closing " + this.runtime.registry().size() + " peer(s) with 1001, waiting up to "
                + timeout.toMillis() + " ms");
        while (closeEveryPeer(closing) && System.nanoTime() < deadline) {
            if (this.runtime.dispatchMode() == DispatchMode.POLL) {
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

    // Closes with 1001 each peer not closed yet (one may have completed its upgrade as
    // accepting
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

    @Override
    public boolean isDraining() {
        return this.draining;
    }

    @Override
    public List<OpenPeer> openPeers() {
        return this.runtime.registry()
            .all()
            .stream()
            .filter(PeerSession::isOpen)
            .sorted(Comparator.comparingLong(PeerSession::connectedAt).thenComparingInt(PeerSession::id))
            .map(DefaultPeerSocketServer::snapshot)
            .toList();
    }

    @Override
    public @Nullable OpenPeer openPeer(int id) {
        PeerSession peer = this.runtime.registry().get(id);
        return (peer != null && peer.isOpen()) ? snapshot(peer) : null;
    }

    @Override
    public Map<String, List<String>> endpointProtocols() {
        Map<String, List<String>> protocols = new LinkedHashMap<>();
        for (PeerEndpoint endpoint : this.endpoints) {
            protocols.put(endpoint.path(), endpoint.offeredProtocols());
        }
        return protocols;
    }

    private static OpenPeer snapshot(PeerSession peer) {
        return new OpenPeer(peer.id(), peer.getConnectedHost(), peer.getConnectedPort(), peer.protocol(), peer.path(),
                Instant.ofEpochMilli(peer.connectedAt()), peer.getInboundBufferedAmount(),
                peer.getAvailablePacketCount(), peer.getCurrentOutboundBufferedAmount(),
                peer.getCurrentOutboundPacketCount());
    }

}
