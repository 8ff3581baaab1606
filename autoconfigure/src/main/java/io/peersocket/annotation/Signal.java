package io.peersocket.annotation;

import java.lang.annotation.Annotation;

/** The engine's signals that a handler method can be bound to. */
enum Signal {

    CONNECTED(ClientConnected.class),
    DATA(DataReceived.class),
    CLOSE_REQUEST(ClientCloseRequest.class),
    DISCONNECTED(ClientDisconnected.class),
    ERROR(PacketExceptionHandler.class),
    PEER_CONNECTED(PeerConnected.class),
    PEER_DISCONNECTED(PeerDisconnected.class),
    PEER_PACKET(PeerPacket.class);

    private final Class<? extends Annotation> annotation;

    Signal(Class<? extends Annotation> annotation) {
        this.annotation = annotation;
    }

    Class<? extends Annotation> annotation() {
        return this.annotation;
    }

    String label() {
        return "@" + this.annotation.getSimpleName();
    }

    /** @return whether the signal exists only on multiplayer relay endpoints */
    boolean multiplayer() {
        return this == PEER_CONNECTED || this == PEER_DISCONNECTED || this == PEER_PACKET;
    }

    /** @return whether the signal exists only on plain endpoints (a relay gives peer signals instead) */
    boolean plainOnly() {
        return this == CONNECTED || this == DATA || this == DISCONNECTED;
    }

}
