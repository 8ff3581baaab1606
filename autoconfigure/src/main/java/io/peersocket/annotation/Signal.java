package io.peersocket.annotation;

import java.lang.annotation.Annotation;

/** The engine's signals that a handler method can be bound to: the server's, then the client's. */
enum Signal {

    CONNECTED(ClientConnected.class),
    DATA(DataReceived.class),
    CLOSE_REQUEST(ClientCloseRequest.class),
    DISCONNECTED(ClientDisconnected.class),
    ERROR(PacketExceptionHandler.class),
    CONNECTION_ESTABLISHED(ConnectionEstablished.class),
    SERVER_CLOSE_REQUEST(ServerCloseRequest.class),
    CONNECTION_CLOSED(ConnectionClosed.class),
    CONNECTION_ERROR(ConnectionError.class),
    PEER_CONNECTED(PeerConnected.class),
    PEER_DISCONNECTED(PeerDisconnected.class),
    PEER_PACKET(PeerPacket.class);

    /** Signals only a server handler receives. */
    static final java.util.Set<Signal> SERVER_ONLY = java.util.EnumSet.of(CONNECTED, CLOSE_REQUEST, DISCONNECTED,
            PEER_CONNECTED, PEER_DISCONNECTED, PEER_PACKET);

    /** Signals only a client handler ({@code @PacketHandler(client = ...)}) receives. */
    static final java.util.Set<Signal> CLIENT_ONLY = java.util.EnumSet.of(CONNECTION_ESTABLISHED,
            SERVER_CLOSE_REQUEST, CONNECTION_CLOSED, CONNECTION_ERROR);

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

    /**
     * @return whether a relay's handler cannot have the signal: the plain server's own (a relay
     * gives peer signals instead) and the client's
     */
    boolean plainOnly() {
        return this == CONNECTED || this == DATA || this == DISCONNECTED || CLIENT_ONLY.contains(this);
    }

}
