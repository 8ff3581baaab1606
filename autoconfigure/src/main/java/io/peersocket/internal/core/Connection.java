package io.peersocket.internal.core;

import java.net.InetSocketAddress;

import io.peersocket.peer.HandshakeInfo;
import io.peersocket.peer.Packet;
import io.peersocket.spi.CloseInfo;

/**
 * What the core needs from a transport for one upgraded WebSocket connection. Implemented
 * by each transport (reactive, servlet, client); the core never sees a Netty, Reactor or
 * servlet type.
 */
public interface Connection {

    /**
     * Called once, by the peer's constructor, before anything is sent: the peer to tell
     * of written packets ({@link PeerSession#written(Packet)}).
     * @param peer the peer of this connection
     */
    default void attach(PeerSession peer) {
    }

    /**
     * Queues one whole message. May be called by several threads at once (each thread's
     * messages in its order): the transport keeps whole messages apart. Must not block.
     * When the message has been handed to the socket the transport calls
     * {@link PeerSession#written(Packet)}.
     * @param packet the message
     */
    void send(Packet packet);

    /**
     * Sends a close frame after the messages already queued, then closes. The transport
     * reports the end of the connection through
     * {@link PeerEndpoint#closed(PeerSession, CloseInfo)}.
     * @param code the close code
     * @param reason the reason
     */
    void close(int code, String reason);

    /**
     * Called by the core when it has room again after reading was paused by a full input
     * queue.
     */
    void resumeReading();

    /**
     * @return the remote socket address
     */
    InetSocketAddress remoteAddress();

    /**
     * @return what the upgrade request said; {@link HandshakeInfo#NONE} when the
     * transport keeps none
     */
    default HandshakeInfo handshake() {
        return HandshakeInfo.NONE;
    }

    /**
     * @param enabled TCP_NODELAY
     */
    void setNoDelay(boolean enabled);

    /**
     * Drops the connection at once, without a close handshake (the server's shutdown
     * timeout ran out). The transport still reports the end through
     * {@link PeerEndpoint#closed(PeerSession, CloseInfo)}. The default does nothing: the
     * connection then ends when its container stops.
     */
    default void abort() {
    }

    /**
     * Sends a ping frame, unless the connection is closing or a ping is still waiting to
     * be written. The peer's pong is reported, as every frame, through
     * {@link PeerSession#heard()}. The default does nothing.
     */
    default void ping() {
    }

}
