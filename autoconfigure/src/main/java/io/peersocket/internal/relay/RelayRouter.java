package io.peersocket.internal.relay;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.RelayBridge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where a relay's frames go, by the engine's rules: to one client (N &gt; 1), to every
 * client (0), to every client but N (-N), never back to the sender; what is addressed to
 * 1 is the application's. Frames for clients of other instances go through the
 * {@link RelayBridge}. Every receiver gets the same array: nothing is copied per
 * receiver.
 */
final class RelayRouter {

    // The API's name: what operators grep for in the logs.
    private static final Log logger = LogFactory.getLog(RelayServer.class);

    private final RelayServer relay;

    private final RelayOptions options;

    private final RelayMembership members;

    private final RelayStatistics statistics;

    private volatile RelayBridge bridge = RelayBridge.NONE;

    /**
     * @param relay the relay as the bridge is told of it
     * @param options whether clients may address each other
     * @param members the targets
     * @param statistics counts the copies and the drops
     */
    RelayRouter(RelayServer relay, RelayOptions options, RelayMembership members, RelayStatistics statistics) {
        this.relay = relay;
        this.options = options;
        this.members = members;
        this.statistics = statistics;
    }

    /**
     * @param bridge where frames for clients of other instances go; set once, before
     * clients connect
     */
    void setBridge(RelayBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * The engine keeps what is addressed to it, to everybody, or to everybody but a
     * client (Godot 3.2.3 also keeps -1, "everybody but the server"; this relay does
     * not).
     * @param to a client frame's target
     * @return whether the application (peer 1) receives it
     */
    static boolean forApplication(int to) {
        return to == RelayFrame.SERVER_ID || to == RelayFrame.EVERYBODY || (to < 0 && to != -RelayFrame.SERVER_ID);
    }

    /**
     * Routes a checked client payload to the other clients it is addressed to.
     * @param sender the client that sent it
     * @param to its target
     * @param frame the whole frame, header included
     */
    void fromClient(PeerSession sender, int to, byte[] frame) {
        if (to == RelayFrame.SERVER_ID) {
            return;
        }
        int from = sender.id();
        if (!this.options.clientToClient()) {
            if (to > RelayFrame.SERVER_ID) {
                this.statistics.dropped(RelayServer.DROP_CLIENT_RELAY_OFF);
            }
            return;
        }
        if (to > RelayFrame.SERVER_ID) {
            PeerSession target = (to != from) ? this.members.get(to) : null;
            if (target == null && to != from && this.members.isElsewhere(to)
                    && this.bridge.forward(this.relay, to, frame)) {
                this.statistics.copies("peer", 1);
                return;
            }
            if (target == null) {
                this.statistics.dropped(RelayServer.DROP_INVALID_TARGET);
                if (logger.isDebugEnabled()) {
                    logger
                        .debug(sender + " sent a packet to " + to + ", which is no other peer of " + this.relay.path());
                }
                return;
            }
            target.send(frame, WriteMode.BINARY);
            this.statistics.copies("peer", 1);
            return;
        }
        this.statistics.copies(fanOutKind(to), fanOut(frame, from, -to));
        if (this.members.anyElsewhere()) {
            this.bridge.forward(this.relay, to, frame);
        }
    }

    /**
     * Sends from peer 1: to a client, every client (0), every client but N (-N).
     * Addressed to 1 it goes nowhere (the engine's "will not send to self").
     * @param target the target
     * @param payload the application's bytes
     * @return {@code OK}, {@code FAILED} for an unknown client, {@code ERR_UNAVAILABLE}
     * when the other instances could not be reached, or the target's own send result
     */
    PeerError fromApplication(int target, byte[] payload) {
        if (target == RelayFrame.SERVER_ID) {
            return PeerError.OK;
        }
        byte[] frame = RelayFrame.payload(RelayFrame.SERVER_ID, target, payload);
        if (target > RelayFrame.SERVER_ID) {
            PeerSession peer = this.members.get(target);
            if (peer == null) {
                if (this.members.isElsewhere(target) && this.bridge.forward(this.relay, target, frame)) {
                    this.statistics.copies("server", 1);
                    return PeerError.OK;
                }
                return PeerError.FAILED;
            }
            this.statistics.copies("server", 1);
            return peer.send(frame, WriteMode.BINARY);
        }
        this.statistics.copies("server", fanOut(frame, RelayFrame.SERVER_ID, -target));
        if (this.members.anyElsewhere() && !this.bridge.forward(this.relay, target, frame)) {
            return PeerError.ERR_UNAVAILABLE;
        }
        return PeerError.OK;
    }

    /**
     * A frame from a client of another instance (or its peer 1) for clients here, never
     * back to its sender. What is addressed to 1 was already handed to the application of
     * the sender's instance.
     * @param to the frame's target
     * @param frame the whole frame
     */
    void fromElsewhere(int to, byte[] frame) {
        if (to > RelayFrame.SERVER_ID) {
            PeerSession target = this.members.get(to);
            if (target != null) {
                target.send(frame, WriteMode.BINARY);
                this.statistics.copies("peer", 1);
            }
            else {
                this.statistics.dropped(RelayServer.DROP_INVALID_TARGET);
            }
            return;
        }
        if (to <= 0) {
            this.statistics.copies(fanOutKind(to), fanOut(frame, RelayFrame.fromOf(frame), -to));
        }
    }

    private static String fanOutKind(int to) {
        return (to == 0) ? "broadcast" : "exclusion";
    }

    // Sends one array to every client but the sender and the excluded one (0: none
    // excluded).
    private int fanOut(byte[] frame, int from, int excluded) {
        int copies = 0;
        for (PeerSession target : this.members.here()) {
            int id = target.id();
            if (id != from && id != excluded) {
                target.send(frame, WriteMode.BINARY);
                copies++;
            }
        }
        return copies;
    }

}
