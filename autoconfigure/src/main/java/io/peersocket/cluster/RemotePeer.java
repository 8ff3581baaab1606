package io.peersocket.cluster;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.cluster.ClusterMessage.PeerUp;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

/**
 * A handle on a peer connected to another node, as
 * {@link io.peersocket.server.PeerSocketServer#getPeer} returns it: sending and closing
 * go through that node's inbox; reading is for the node the peer is connected to (here
 * nothing is ever queued).
 * <p>
 * Sends return {@link PeerError#OK} once the cluster has the packet (queued for Redis),
 * {@link PeerError#ERR_UNAVAILABLE} when the peer is gone or Redis has been out past the
 * outage window, {@link PeerError#ERR_OUT_OF_MEMORY} when the outage buffer is full. The
 * {@link #attributes() attributes} are this handle's own, not the peer's on its node.
 */
final class RemotePeer implements Peer {

    private final ClusterNode cluster;

    private final String node;

    private final PeerUp peer;

    private volatile WriteMode writeMode = WriteMode.BINARY;

    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    RemotePeer(ClusterNode cluster, String node, PeerUp peer) {
        this.cluster = cluster;
        this.node = node;
        this.peer = peer;
    }

    /**
     * @return the node the peer is connected to
     */
    String node() {
        return this.node;
    }

    @Override
    public int id() {
        return this.peer.id();
    }

    @Override
    public String protocol() {
        return "";
    }

    @Override
    public String path() {
        return this.peer.path();
    }

    @Override
    public PeerError putPacket(byte[] data) {
        return this.cluster.sendPacket(this, data, this.writeMode == WriteMode.TEXT);
    }

    @Override
    public PeerError send(String text) {
        return this.cluster.sendPacket(this, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    @Override
    public PeerError send(byte[] data, WriteMode mode) {
        return this.cluster.sendPacket(this, data, mode == WriteMode.TEXT);
    }

    @Override
    public byte[] getPacket() {
        return new byte[0];
    }

    @Override
    public PeerError getPacketError() {
        return PeerError.ERR_UNAVAILABLE;
    }

    @Override
    public @Nullable Packet nextPacket() {
        return null;
    }

    @Override
    public int getAvailablePacketCount() {
        return 0;
    }

    @Override
    public boolean wasStringPacket() {
        return false;
    }

    @Override
    public void setWriteMode(WriteMode mode) {
        this.writeMode = mode;
    }

    @Override
    public WriteMode getWriteMode() {
        return this.writeMode;
    }

    @Override
    public void close(int code, String reason) {
        this.cluster.disconnect(this, code, reason);
    }

    @Override
    public boolean isConnectedToHost() {
        return this.cluster.isConnected(this);
    }

    @Override
    public String getConnectedHost() {
        return this.peer.host();
    }

    @Override
    public int getConnectedPort() {
        return this.peer.port();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved(this.peer.host(), this.peer.port());
    }

    @Override
    public Map<String, Object> attributes() {
        return this.attributes;
    }

    @Override
    public int getCurrentOutboundBufferedAmount() {
        return 0;
    }

    @Override
    public void setNoDelay(boolean enabled) {
        // the peer's node decides
    }

    @Override
    public String toString() {
        return "Peer " + id() + " on " + path() + " at node " + this.node;
    }

}
