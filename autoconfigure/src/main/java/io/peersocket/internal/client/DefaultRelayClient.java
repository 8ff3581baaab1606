package io.peersocket.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.core.PeerTraffic;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.RelayClient;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RelayClient} of a {@link DefaultPeerSocketClient}: the relay protocol on
 * peer 1. In relay mode its {@link PeerTraffic} replaces peer 1's plain packets: payloads
 * wait in peer 1's input queue with their header, system messages change the id and the
 * peer list in signal order, and a malformed message is dropped, logged and counted (see
 * the API's javadoc).
 */
final class DefaultRelayClient implements RelayClient {

    // Under the API's name: what applications configure.
    private static final Log logger = LogFactory.getLog(RelayClient.class);

    private static final byte[] EMPTY = new byte[0];

    private final DefaultPeerSocketClient client;

    private final ServerPeer server;

    private final ClientSignals signals;

    private final PeerSocketObserver observer;

    private final Traffic traffic = new Traffic();

    private final ConcurrentSkipListSet<Integer> peers = new ConcurrentSkipListSet<>();

    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    private volatile int uniqueId;

    private volatile int targetPeer = TARGET_PEER_BROADCAST;

    private volatile boolean refusing;

    private volatile PeerError lastGetError = PeerError.OK;

    // Whether connection_succeeded was delivered for the current connection; in signal
    // order.
    private volatile boolean succeeded;

    DefaultRelayClient(DefaultPeerSocketClient client, ServerPeer server, ClientSignals signals,
            PeerSocketObserver observer) {
        this.client = client;
        this.server = server;
        this.signals = signals;
        this.observer = observer;
    }

    PeerTraffic traffic() {
        return this.traffic;
    }

    @Override
    public PeerSocketClient client() {
        return this.client;
    }

    // ---- MultiplayerPeer ----

    /**
     * @return the connection's Variant settings
     * ({@code peersocket.client.connections.<name>.variant.*})
     */
    @Override
    public VariantSettings variantSettings() {
        return this.client.runtime().variants();
    }

    /**
     * @return the id the server gave this client ({@code get_unique_id}); 0 before
     * {@code SYS_ID}
     */
    @Override
    public int getUniqueId() {
        return this.uniqueId;
    }

    @Override
    public void setTargetPeer(int target) {
        this.targetPeer = target;
    }

    @Override
    public int getTargetPeer() {
        return this.targetPeer;
    }

    /**
     * Sends a payload with {@code from} = this client's id through the server, which
     * relays it: 1 the server's application, 0 everybody, -N everybody but N, N one peer.
     * @return {@link PeerError#OK}; {@link PeerError#ERR_UNAVAILABLE} when not connected;
     * {@link PeerError#ERR_OUT_OF_MEMORY} when the output limit is full
     */
    @Override
    public PeerError putPacket(int target, byte[] payload) {
        return this.server.send(RelayFrame.payload(this.uniqueId, target, payload), WriteMode.BINARY);
    }

    /**
     * @return the ids the server announced and has not removed, ascending; the server (1)
     * among them
     */
    @Override
    public List<Integer> getPeerIds() {
        return new ArrayList<>(this.peers);
    }

    @Override
    public boolean hasPeer(int id) {
        return this.peers.contains(id);
    }

    /**
     * Kept for the interface; a client has no connections to refuse (the engine's flag
     * does nothing there either).
     */
    @Override
    public void setRefuseNewConnections(boolean refuse) {
        this.refusing = refuse;
    }

    @Override
    public boolean isRefusingNewConnections() {
        return this.refusing;
    }

    // ---- receiving ----

    /**
     * {@code get_packet_peer()}: the source of the packet {@link #getPacket()} returns
     * next.
     * @return its id, or 1 when no packet waits (the engine's value then)
     */
    @Override
    public int getPacketPeer() {
        PeerSession session = this.server.session();
        Packet next = (session != null) ? session.peekPacket() : null;
        return (next != null) ? RelayFrame.fromOf(next.data()) : RelayFrame.SERVER_ID;
    }

    /**
     * {@code get_packet()}: the oldest payload, without its header.
     * @return the payload, or an empty array when none waits ({@link #getPacketError()}
     * is then {@link PeerError#ERR_UNAVAILABLE})
     */
    @Override
    public byte[] getPacket() {
        Packet packet = this.server.nextPacket();
        this.lastGetError = (packet != null) ? PeerError.OK : PeerError.ERR_UNAVAILABLE;
        return (packet != null) ? RelayFrame.payloadOf(packet.data()) : EMPTY;
    }

    /**
     * The oldest payload with its header: source ({@code from}), target ({@code to}) and
     * payload.
     * @return the frame, or {@code null} when none waits
     */
    @Override
    public @Nullable RelayFrame nextFrame() {
        Packet packet = this.server.nextPacket();
        this.lastGetError = (packet != null) ? PeerError.OK : PeerError.ERR_UNAVAILABLE;
        return (packet != null) ? RelayFrame.decode(packet.data()) : null;
    }

    /**
     * @return the result of the last {@link #getPacket()} or {@link #nextFrame()}
     */
    @Override
    public PeerError getPacketError() {
        return this.lastGetError;
    }

    /**
     * @return payloads waiting ({@code get_available_packet_count})
     */
    @Override
    public int getAvailablePacketCount() {
        return this.server.getAvailablePacketCount();
    }

    // ---- counts ----

    /**
     * @return messages from the server dropped as malformed, every reason together
     */
    @Override
    public long getDroppedCount() {
        return this.drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * @return messages dropped by reason ({@link RelayServer#DROP_TOO_SHORT},
     * {@link RelayServer#DROP_TEXT_FRAME}, ...)
     */
    @Override
    public Map<String, Long> getDroppedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    @Override
    public String toString() {
        return "RelayClient '" + this.client.name() + "' (id " + this.uniqueId + ", peers " + this.peers + ")";
    }

    // ---- the protocol ----

    private boolean receive(PeerSession session, Packet packet) {
        byte[] frame = packet.data();
        if (packet.string()) {
            return drop(session, RelayServer.DROP_TEXT_FRAME, "a text frame (relay messages are binary)");
        }
        if (!RelayFrame.hasHeader(frame)) {
            return drop(session, RelayServer.DROP_TOO_SHORT,
                    "a message of " + frame.length + " bytes, shorter than the header");
        }
        int type = RelayFrame.typeOf(frame);
        if (type == RelayFrame.PAYLOAD) {
            boolean room = session.offerInbound(packet);
            int source = RelayFrame.fromOf(frame);
            session.dispatchEvent(() -> this.signals.signal("peer_packet", (l) -> l.peerPacket(this, source)));
            if (!room) {
                this.observer.readingPaused(session.path());
            }
            return room;
        }
        if (type != RelayFrame.SYS_ADD && type != RelayFrame.SYS_DEL && type != RelayFrame.SYS_ID) {
            return drop(session, DROP_UNKNOWN_TYPE, "a message of type " + type);
        }
        if (frame.length != RelayFrame.SYSTEM_SIZE || RelayFrame.fromOf(frame) != RelayFrame.SERVER_ID) {
            return drop(session, DROP_BAD_SYSTEM_MESSAGE, "a " + RelayFrame.typeName(type) + " of " + frame.length
                    + " bytes from " + RelayFrame.fromOf(frame));
        }
        int id = RelayFrame.peerIdOf(frame);
        session.dispatchEvent(() -> system(type, id));
        return true;
    }

    // In signal order: the state changes, then the listeners hear of it.
    private void system(int type, int id) {
        switch (type) {
            case RelayFrame.SYS_ID -> this.uniqueId = id;
            case RelayFrame.SYS_ADD -> {
                this.peers.add(id);
                this.signals.signal("peer_connected", (l) -> l.peerConnected(this, id));
                if (id == RelayFrame.SERVER_ID) {
                    this.succeeded = true;
                    this.signals.signal("connection_succeeded", (l) -> l.connectionSucceeded(this));
                }
            }
            default -> {
                if (this.peers.remove(id)) {
                    this.signals.signal("peer_disconnected", (l) -> l.peerDisconnected(this, id));
                }
            }
        }
    }

    private boolean drop(PeerSession session, String reason, String what) {
        this.drops.computeIfAbsent(reason, (r) -> new LongAdder()).increment();
        this.observer.dropped(session.path(), reason);
        logger.warn("Client '" + this.client.name() + "': the server sent " + what + ": dropped");
        return true;
    }

    private void ended(CloseInfo close) {
        boolean wasSucceeded = this.succeeded;
        this.succeeded = false;
        this.peers.clear();
        this.uniqueId = 0;
        if (wasSucceeded) {
            this.signals.signal("server_disconnected", (l) -> l.serverDisconnected(this));
        }
        else {
            IllegalStateException cause = new IllegalStateException(
                    "the connection closed (" + close.code() + ") before the server sent this client its id");
            this.signals.signal("connection_failed", (l) -> l.connectionFailed(this, cause));
        }
    }

    /**
     * Peer 1's traffic in relay mode: system messages and payloads instead of plain
     * packets.
     */
    private final class Traffic implements PeerTraffic {

        @Override
        public void opened(PeerSession peer) {
            // No signal yet: the engine waits for the server's SYS_ID and SYS_ADD(1).
            peer.dispatchEvent(() -> {
                DefaultRelayClient.this.server.attach(peer);
                DefaultRelayClient.this.succeeded = false;
                DefaultRelayClient.this.peers.clear();
            });
        }

        @Override
        public boolean received(PeerSession peer, Packet packet) {
            return receive(peer, packet);
        }

        @Override
        public void closed(PeerSession peer, CloseInfo close, boolean closeRequest) {
            if (closeRequest) {
                peer.dispatchEvent(() -> DefaultRelayClient.this.signals.signal("server_close_request",
                        (l) -> l.serverCloseRequest(DefaultRelayClient.this.server, close.code(), close.reason())));
            }
            peer.dispatchLast(() -> ended(close));
        }

    }

}
