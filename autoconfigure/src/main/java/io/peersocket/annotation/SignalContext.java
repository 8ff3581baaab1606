package io.peersocket.annotation;

import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/** What one signal carries, from which a handler method's arguments are taken. */
record SignalContext(Peer peer, String protocol, @Nullable Packet packet, int code, String reason, boolean wasClean,
        @Nullable Throwable error) {

    static SignalContext of(Peer peer) {
        return new SignalContext(peer, peer.protocol(), null, 0, "", false, null);
    }

    SignalContext withPacket(@Nullable Packet packet) {
        return new SignalContext(this.peer, this.protocol, packet, this.code, this.reason, this.wasClean, this.error);
    }

    SignalContext withError(Throwable error) {
        return new SignalContext(this.peer, this.protocol, this.packet, this.code, this.reason, this.wasClean, error);
    }

}
