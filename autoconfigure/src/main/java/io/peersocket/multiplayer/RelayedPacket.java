package io.peersocket.multiplayer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.peersocket.peer.Peer;

/**
 * One payload a client sent, as a {@link RelayHook} sees it. Views the received bytes
 * without copying them; valid only during {@link RelayHook#inspect(RelayedPacket)}.
 */
public final class RelayedPacket {

    private final RelayServer relay;

    private final Peer source;

    private final byte[] frame;

    /**
     * Made by the relay for each client payload it inspects (public for the relay's own
     * package).
     * @param relay the relay that received it
     * @param source the sender's connection
     * @param frame the received message, header included
     */
    public RelayedPacket(RelayServer relay, Peer source, byte[] frame) {
        this.relay = relay;
        this.source = source;
        this.frame = frame;
    }

    /**
     * @return the relay (its path, its peers)
     */
    public RelayServer relay() {
        return this.relay;
    }

    /**
     * @return the sender's connection
     */
    public Peer source() {
        return this.source;
    }

    /**
     * @return the sender's id ({@code from}, checked against the connection)
     */
    public int from() {
        return RelayFrame.fromOf(this.frame);
    }

    /**
     * @return the target it was sent to: a peer id, 0 for everybody, -N for everybody but
     * N
     */
    public int to() {
        return RelayFrame.toOf(this.frame);
    }

    /**
     * @return the payload's length in bytes
     */
    public int size() {
        return this.frame.length - RelayFrame.HEADER_SIZE;
    }

    /**
     * @return a read-only view of the payload, no copy
     */
    public ByteBuffer payload() {
        return RelayFrame.payloadView(this.frame);
    }

    /**
     * @return a copy of the payload
     */
    public byte[] payloadBytes() {
        return RelayFrame.payloadOf(this.frame);
    }

    /**
     * @return the payload decoded as UTF-8
     */
    public String payloadText() {
        return new String(this.frame, RelayFrame.HEADER_SIZE, size(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "packet from " + from() + " to " + to() + " (" + size() + " bytes) on " + this.relay.path();
    }

}
