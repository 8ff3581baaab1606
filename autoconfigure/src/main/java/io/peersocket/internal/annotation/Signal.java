package io.peersocket.internal.annotation;

import java.lang.annotation.Annotation;
import java.util.List;

import io.peersocket.annotation.ClientCloseRequest;
import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.ConnectionClosed;
import io.peersocket.annotation.ConnectionError;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketExceptionHandler;
import io.peersocket.annotation.PeerConnected;
import io.peersocket.annotation.PeerDisconnected;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.annotation.ServerCloseRequest;

/**
 * The engine's signals that a handler method can be bound to: the server's, then the
 * client's.
 */
enum Signal {

    CONNECTED(ClientConnected.class, false, SignalValue.PEER, SignalValue.ID, SignalValue.PROTOCOL,
            SignalValue.HANDSHAKE, SignalValue.PRINCIPAL),
    DATA(DataReceived.class, true, SignalValue.PEER, SignalValue.ID, SignalValue.WAS_STRING),
    CLOSE_REQUEST(ClientCloseRequest.class, false, SignalValue.PEER, SignalValue.ID, SignalValue.CODE,
            SignalValue.REASON),
    DISCONNECTED(ClientDisconnected.class, false, SignalValue.PEER, SignalValue.ID, SignalValue.WAS_CLEAN),
    ERROR(PacketExceptionHandler.class, false, SignalValue.ERROR, SignalValue.PEER, SignalValue.ID),
    // The client's signals: the peer is the server, whose id is 1.
    CONNECTION_ESTABLISHED(ConnectionEstablished.class, false, SignalValue.PEER, SignalValue.ID, SignalValue.PROTOCOL),
    SERVER_CLOSE_REQUEST(ServerCloseRequest.class, false, SignalValue.PEER, SignalValue.ID, SignalValue.CODE,
            SignalValue.REASON),
    CONNECTION_CLOSED(ConnectionClosed.class, false, SignalValue.PEER, SignalValue.ID, SignalValue.WAS_CLEAN),
    CONNECTION_ERROR(ConnectionError.class, false, SignalValue.ERROR, SignalValue.PEER, SignalValue.ID),
    PEER_CONNECTED(PeerConnected.class, false, SignalValue.ID, SignalValue.PEER, SignalValue.RELAY),
    PEER_DISCONNECTED(PeerDisconnected.class, false, SignalValue.ID, SignalValue.PEER, SignalValue.RELAY),
    PEER_PACKET(PeerPacket.class, true, SignalValue.FROM, SignalValue.TO, SignalValue.PEER, SignalValue.RELAY);

    /** Signals only a server handler receives. */
    static final java.util.Set<Signal> SERVER_ONLY = java.util.EnumSet.of(CONNECTED, CLOSE_REQUEST, DISCONNECTED,
            PEER_CONNECTED, PEER_DISCONNECTED, PEER_PACKET);

    /** Signals only a client handler ({@code @PacketHandler(client = ...)}) receives. */
    static final java.util.Set<Signal> CLIENT_ONLY = java.util.EnumSet.of(CONNECTION_ESTABLISHED, SERVER_CLOSE_REQUEST,
            CONNECTION_CLOSED, CONNECTION_ERROR);

    private final Class<? extends Annotation> annotation;

    private final boolean payload;

    private final List<SignalValue> values;

    Signal(Class<? extends Annotation> annotation, boolean payload, SignalValue... values) {
        this.annotation = annotation;
        this.payload = payload;
        this.values = List.of(values);
    }

    Class<? extends Annotation> annotation() {
        return this.annotation;
    }

    String label() {
        return "@" + this.annotation.getSimpleName();
    }

    /**
     * @return what the signal carries besides a payload, in the order the documentation
     * lists it
     */
    List<SignalValue> carries() {
        return this.values;
    }

    /**
     * @return whether a parameter may take the packet's payload
     */
    boolean takesPayload() {
        return this.payload;
    }

    /**
     * @return whether the signal exists only on multiplayer relay endpoints
     */
    boolean multiplayer() {
        return this == PEER_CONNECTED || this == PEER_DISCONNECTED || this == PEER_PACKET;
    }

    /**
     * @return whether a relay's handler cannot have the signal: the plain server's own (a
     * relay gives peer signals instead) and the client's
     */
    boolean plainOnly() {
        return this == CONNECTED || this == DATA || this == DISCONNECTED || CLIENT_ONLY.contains(this);
    }

}
