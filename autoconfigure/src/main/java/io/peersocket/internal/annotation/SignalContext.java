package io.peersocket.internal.annotation;

import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/**
 * What one signal carries, from which a handler method's arguments are taken. On a relay
 * endpoint {@code relay} is set, {@code peer} is the source and {@code target} the id a
 * packet was sent to.
 */
record SignalContext(Peer peer, String protocol, @Nullable Packet packet, int code, String reason, boolean wasClean,
        @Nullable Throwable error, int target, @Nullable RelayServer relay) {

    SignalContext(Peer peer, String protocol, @Nullable Packet packet, int code, String reason, boolean wasClean,
            @Nullable Throwable error) {
        this(peer, protocol, packet, code, reason, wasClean, error, 0, null);
    }

    static SignalContext of(Peer peer) {
        return new SignalContext(peer, peer.protocol(), null, 0, "", false, null);
    }

    static SignalContext relay(RelayServer relay, Peer peer, int target, @Nullable Packet packet) {
        return new SignalContext(peer, "", packet, 0, "", false, null, target, relay);
    }

    /**
     * @return the packet of a packet signal: the resolver reads payloads only for packet
     * handlers
     */
    Packet requiredPacket() {
        return java.util.Objects.requireNonNull(this.packet, "a payload argument outside a packet signal");
    }

    SignalContext withError(Throwable error) {
        return new SignalContext(this.peer, this.protocol, this.packet, this.code, this.reason, this.wasClean, error,
                this.target, this.relay);
    }

}
