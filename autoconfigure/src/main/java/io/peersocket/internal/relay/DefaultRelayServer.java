package io.peersocket.internal.relay;

import java.util.List;
import java.util.Map;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.core.PeerTraffic;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayHook;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.spi.RelayBridge;
import io.peersocket.variant.VariantSettings;
import org.jspecify.annotations.Nullable;

/**
 * The relay as its application sees it, peer 1 ({@link RelayServer}), and as its endpoint
 * sees it ({@link #traffic()}): a client's frame is checked ({@link RelayValidation}),
 * shown to the hook ({@link RelayInspection}), routed on the I/O thread that read it
 * ({@link RelayRouter}) and, when addressed to peer 1, handed to the application through
 * the sender's input queue and the dispatch mode. Who is in the relay and the
 * announcements are {@link RelayMembership}'s; the counts {@link RelayStatistics}'.
 */
public final class DefaultRelayServer implements RelayServer {

    private final String path;

    private final RelayOptions options;

    private final MultiplayerListener application;

    private final RelayStatistics statistics;

    private final RelayMembership members;

    private final RelayValidation validation;

    private final RelayInspection inspection;

    private final RelayRouter router;

    private final Traffic traffic = new Traffic();

    private volatile int targetPeer = TARGET_PEER_BROADCAST;

    private volatile boolean refusing;

    private volatile VariantSettings variants = VariantSettings.DEFAULT;

    /**
     * @param path the endpoint's path
     * @param options strictness, client-to-client relay, peer announcements
     * @param hook inspects every client payload, or {@code null}
     * @param application the application's signals (peer 1)
     * @param observer receives counts for metrics
     */
    public DefaultRelayServer(String path, RelayOptions options, @Nullable RelayHook hook,
            MultiplayerListener application, PeerSocketObserver observer) {
        this.path = path;
        this.options = options;
        this.application = application;
        this.statistics = new RelayStatistics(path, observer);
        this.members = new RelayMembership(options.announcePeers());
        this.validation = new RelayValidation(options, this.statistics);
        this.inspection = new RelayInspection(this, hook, this.statistics);
        this.router = new RelayRouter(this, options, this.members, this.statistics);
    }

    /**
     * @return what the endpoint does with its peers' messages: this relay. For the
     * endpoint that serves it; applications do not call it.
     */
    public PeerTraffic traffic() {
        return this.traffic;
    }

    @Override
    public String path() {
        return this.path;
    }

    @Override
    public RelayOptions options() {
        return this.options;
    }

    @Override
    public VariantSettings variantSettings() {
        return this.variants;
    }

    /**
     * @param variants how peer 1's putVar encodes Variants; set once, before any peer
     * connects
     */
    public void setVariants(VariantSettings variants) {
        this.variants = variants;
    }

    // ---- the application's side: peer 1 ----

    @Override
    public int getUniqueId() {
        return RelayFrame.SERVER_ID;
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
     * Sends from peer 1 to a target, by the relay's rules: a client, every client (0),
     * every client but N (-N). Addressed to 1 it goes nowhere (the engine's "will not
     * send to self").
     */
    @Override
    public PeerError putPacket(int target, byte[] payload) {
        return this.router.fromApplication(target, payload);
    }

    @Override
    public List<Integer> getPeerIds() {
        return this.members.ids();
    }

    @Override
    public boolean hasPeer(int id) {
        return this.members.contains(id);
    }

    @Override
    public @Nullable Peer getPeer(int id) {
        return this.members.get(id);
    }

    @Override
    public int getPeerCount() {
        return this.members.count();
    }

    @Override
    public void disconnectPeer(int id, int code, String reason) {
        PeerSession peer = this.members.get(id);
        if (peer != null) {
            peer.close(code, reason);
        }
    }

    /**
     * Refuses new connections at the upgrade with HTTP 503 while set. The engine accepts
     * and closes the TCP connection instead; either way its client reports
     * {@code connection_failed}.
     */
    @Override
    public void setRefuseNewConnections(boolean refuse) {
        this.refusing = refuse;
    }

    @Override
    public boolean isRefusingNewConnections() {
        return this.refusing;
    }

    // ---- other instances (RelayBridge) ----

    /**
     * @param bridge where frames for clients of other instances go; set once, before
     * clients connect
     */
    public void setBridge(RelayBridge bridge) {
        this.router.setBridge(bridge);
    }

    /**
     * A client of this path joined another instance: every client here is sent its
     * SYS_ADD.
     * @param id its id
     */
    public void joinedElsewhere(int id) {
        this.members.joinedElsewhere(id);
    }

    /**
     * A client of this path left another instance (or the instance is gone): every client
     * here is sent its SYS_DEL.
     * @param id its id
     */
    public void leftElsewhere(int id) {
        this.members.leftElsewhere(id);
    }

    /**
     * A frame from a client of another instance (or its peer 1) for clients here: to one
     * client, to every client (0) or every client but N (-N), never back to its sender.
     * What is addressed to 1 was already handed to the application of the sender's
     * instance.
     * @param to the frame's target
     * @param frame the whole frame
     */
    public void deliverFromElsewhere(int to, byte[] frame) {
        this.router.fromElsewhere(to, frame);
    }

    /**
     * @return the ids of this path's clients on other instances
     */
    public List<Integer> getPeerIdsElsewhere() {
        return this.members.idsElsewhere();
    }

    // ---- counts ----

    @Override
    public long getRelayedCount() {
        return this.statistics.relayedCount();
    }

    @Override
    public long getDeliveredCount() {
        return this.statistics.deliveredCount();
    }

    @Override
    public long getDroppedCount() {
        return this.statistics.droppedCount();
    }

    @Override
    public long getDroppedCount(String reason) {
        return this.statistics.droppedCount(reason);
    }

    @Override
    public Map<String, Long> getDroppedCounts() {
        return this.statistics.droppedCounts();
    }

    @Override
    public String toString() {
        return "RelayServer " + this.path + " (" + this.members.count() + " peers)";
    }

    // Runs in the sender's event order: hands the oldest kept packet to the application.
    private void deliver(PeerSession peer) {
        Packet packet = peer.nextPacket();
        if (packet == null) {
            return;
        }
        byte[] frame = packet.data();
        this.application.peerPacket(this, peer, RelayFrame.toOf(frame), RelayFrame.payloadOf(frame));
    }

    /** The relay as the endpoint's {@link PeerTraffic}. */
    private final class Traffic implements PeerTraffic {

        @Override
        public void opened(PeerSession peer) {
            DefaultRelayServer relay = DefaultRelayServer.this;
            relay.members.join(peer);
            peer.dispatchEvent("peer_connected", () -> relay.application.peerConnected(relay, peer));
        }

        @Override
        public boolean received(PeerSession peer, Packet packet) {
            DefaultRelayServer relay = DefaultRelayServer.this;
            if (!relay.validation.accept(peer, packet)) {
                return true;
            }
            byte[] frame = relay.inspection.inspect(peer, packet.data());
            if (frame == null) {
                return true;
            }
            int to = RelayFrame.toOf(frame);
            relay.statistics.relayed();
            relay.router.fromClient(peer, to, frame);
            if (!RelayRouter.forApplication(to)) {
                return true;
            }
            relay.statistics.delivered();
            boolean room = peer.offerInbound((frame == packet.data()) ? packet : new Packet(frame, false));
            peer.dispatchEvent("peer_packet", () -> relay.deliver(peer));
            if (!room) {
                relay.statistics.readingPaused();
            }
            return room;
        }

        @Override
        public void closed(PeerSession peer, CloseInfo close, boolean closeRequest) {
            DefaultRelayServer relay = DefaultRelayServer.this;
            relay.members.leave(peer, () -> {
                relay.validation.forget(peer.id());
                if (closeRequest) {
                    peer.dispatch("client_close_request",
                            (listener) -> listener.clientCloseRequest(peer, close.code(), close.reason()));
                }
                peer.dispatchLast("peer_disconnected", () -> relay.application.peerDisconnected(relay, peer));
            });
        }

        @Override
        public boolean isRefusingNewConnections() {
            return DefaultRelayServer.this.refusing;
        }

    }

}
