package io.peersocket.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.Packet;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.CloseInfo;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket endpoint (a path) with the engine's semantics, for any transport: it
 * chooses the subprotocol and the handler, makes peers, queues what they receive and
 * turns transport callbacks into the engine's signals.
 */
public final class PeerEndpoint {

    private final String path;

    // The application's listener per subprotocol; "" is the one for clients that select
    // none.
    private final Map<String, PeerListener> listeners;

    private final List<String> offeredProtocols;

    private final BufferLimits limits;

    private final WriteMode writeMode;

    private final PeerRuntime runtime;

    private final PeerTraffic traffic;

    /**
     * An endpoint of the engine's plain server ({@link SignalTraffic}).
     * @param path the endpoint's path
     * @param listeners the handler per subprotocol; key {@code ""} for a handler without
     * one
     * @param limits per-peer limits
     * @param writeMode the initial write mode of each peer
     * @param runtime what this endpoint shares with the server's other endpoints
     */
    public PeerEndpoint(String path, Map<String, PeerListener> listeners, BufferLimits limits, WriteMode writeMode,
            PeerRuntime runtime) {
        this(path, listeners, limits, writeMode, runtime, new SignalTraffic(runtime.observer()));
    }

    /**
     * @param path the endpoint's path
     * @param listeners the handler per subprotocol; key {@code ""} for a handler without
     * one
     * @param limits per-peer limits
     * @param writeMode the initial write mode of each peer
     * @param runtime what this endpoint shares with the server's other endpoints
     * @param traffic what the peers' messages mean (the plain server, the multiplayer
     * relay)
     */
    public PeerEndpoint(String path, Map<String, PeerListener> listeners, BufferLimits limits, WriteMode writeMode,
            PeerRuntime runtime, PeerTraffic traffic) {
        this.path = path;
        this.listeners = Map.copyOf(listeners);
        List<String> offered = new ArrayList<>(listeners.keySet());
        offered.remove("");
        this.offeredProtocols = List.copyOf(offered);
        this.limits = limits;
        this.writeMode = writeMode;
        this.runtime = runtime;
        this.traffic = traffic;
    }

    /**
     * @param protocol the selected subprotocol
     * @return the authorities (any one of them) a client needs for the handler of that
     * protocol
     */
    public java.util.Set<String> requiredAuthorities(String protocol) {
        PeerListener listener = this.listeners.getOrDefault(protocol, this.listeners.get(""));
        return (listener != null) ? listener.authorities() : java.util.Set.of();
    }

    /**
     * @return the endpoint's path
     */
    public String path() {
        return this.path;
    }

    /**
     * @return the subprotocols this endpoint offers
     */
    public List<String> offeredProtocols() {
        return this.offeredProtocols;
    }

    /**
     * @return the per-peer limits of this endpoint
     */
    public BufferLimits limits() {
        return this.limits;
    }

    /**
     * @return the runtime this endpoint shares with the server's other endpoints
     */
    public PeerRuntime runtime() {
        return this.runtime;
    }

    /**
     * @return what this endpoint does with its peers' messages
     */
    public PeerTraffic traffic() {
        return this.traffic;
    }

    /**
     * @return whether the transports must refuse new upgrades (HTTP 503), as the engine's
     * {@code set_refuse_new_connections(true)}
     */
    public boolean isRefusingNewConnections() {
        return this.traffic.isRefusingNewConnections();
    }

    /**
     * Chooses the subprotocol by the engine's rule. A path that also has a handler
     * without a protocol accepts every client: those that match no offered protocol
     * select none.
     * @param requested the client's protocols, in its order
     * @return the protocol ({@code ""} for none), or {@code null} to refuse the upgrade
     */
    public @Nullable String selectProtocol(List<String> requested) {
        String selected = SubprotocolRule.select(this.offeredProtocols, requested);
        if (selected == null && this.listeners.containsKey("")) {
            return "";
        }
        return selected;
    }

    /**
     * Records a refused upgrade.
     * @param reason a short constant: {@code protocol}, {@code origin}, {@code version}
     * ...
     */
    public void refused(String reason) {
        this.runtime.observer().handshakeRefused(this.path, reason);
    }

    /**
     * A connection completed its upgrade: registers the peer and hands it to the
     * endpoint's {@link PeerTraffic} (the plain server signals {@code client_connected}).
     * @param connection the transport's connection
     * @param protocol the protocol returned by {@link #selectProtocol(List)}
     * @return the new peer
     */
    public PeerSession open(Connection connection, String protocol) {
        PeerListener listener = listenerFor(protocol);
        PeerSession peer = this.runtime.registry()
            .register((id) -> new PeerSession(id, this, protocol, connection, listener,
                    this.runtime.newEventQueue(connection, listener.blocking())));
        this.runtime.observer().opened(this.path);
        this.traffic.opened(peer);
        return peer;
    }

    /**
     * A client's connection completed its upgrade: registers the server as the peer with
     * a fixed id (1, as in the engine) whose signals run on the given queue, and signals
     * the connection.
     * @param connection the transport's connection
     * @param protocol the subprotocol the server selected, {@code ""} for none
     * @param id the peer id
     * @param events where the peer's signals run, shared by the client's successive
     * connections
     * @return the new peer
     */
    public PeerSession open(Connection connection, String protocol, int id, Executor events) {
        PeerListener listener = listenerFor(protocol);
        PeerSession peer = this.runtime.registry()
            .registerFixed(id, (key) -> new PeerSession(key, this, protocol, connection, listener, events));
        this.runtime.observer().opened(this.path);
        this.traffic.opened(peer);
        return peer;
    }

    /**
     * A whole message arrived: the endpoint's {@link PeerTraffic} takes it (the plain
     * server queues it and signals {@code data_received}).
     * @param peer the receiver
     * @param packet the message
     * @return whether the transport may read on; when {@code false} it waits for
     * {@link Connection#resumeReading()}
     */
    public boolean received(PeerSession peer, Packet packet) {
        this.runtime.observer().received(this.path, packet.data().length, packet.string());
        if (!peer.withinRate(packet.data().length)) {
            // Dropped (and counted) or closing: reading goes on, so a close frame still
            // arrives.
            return true;
        }
        return this.traffic.received(peer, packet);
    }

    /**
     * The connection is gone. Signals {@code client_close_request} when the peer started
     * the close, then {@code client_disconnected}; the id is released when the latter is
     * delivered. Called once per connection.
     * @param peer the peer
     * @param close how it ended
     */
    public void closed(PeerSession peer, CloseInfo close) {
        if (peer.timedOut()) {
            // Dropped by Liveness: whatever the transport saw, no close handshake
            // completed.
            close = new CloseInfo(CloseInfo.ABNORMAL, Liveness.IDLE_TIMEOUT, false, false);
        }
        else if (peer.slowReader()) {
            // Dropped by its own output limit: no close frame could reach a peer that
            // reads nothing.
            close = new CloseInfo(CloseInfo.ABNORMAL, TrafficLimits.SLOW_READER_REASON, false, false);
        }
        boolean remoteRequest = close.remoteInitiated() && !peer.closedLocally();
        peer.markClosed();
        this.runtime.observer().closed(this.path, close);
        this.traffic.closed(peer, close, remoteRequest);
    }

    WriteMode writeMode() {
        return this.writeMode;
    }

    // A connection opens only with a protocol selectProtocol accepted (the client's
    // endpoint has
    // its handler under ""), so there is always a listener for it.
    private PeerListener listenerFor(String protocol) {
        return java.util.Objects.requireNonNull(this.listeners.getOrDefault(protocol, this.listeners.get("")),
                () -> "no handler for subprotocol '" + protocol + "' on " + this.path);
    }

}
