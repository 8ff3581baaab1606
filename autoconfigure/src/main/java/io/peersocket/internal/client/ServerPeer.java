package io.peersocket.internal.client;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.VariantResult;
import io.peersocket.peer.WriteMode;
import io.peersocket.variant.VariantSettings;
import org.jspecify.annotations.Nullable;

/**
 * The server as peer 1 of a client, as the engine's {@code get_peer(1)}: one object for
 * the client's whole life, whatever connection is current. It follows the connection
 * whose {@code connection_established} was last delivered, so in poll mode the
 * application sees a new connection exactly when it polls that signal. Before the first
 * connection, and after a close, sending returns {@link PeerError#ERR_UNAVAILABLE};
 * unread packets of the last connection can still be read.
 */
final class ServerPeer implements Peer {

    private static final InetSocketAddress UNCONNECTED = InetSocketAddress.createUnresolved("", 0);

    private final String path;

    private volatile @Nullable PeerSession session;

    private volatile WriteMode writeMode;

    // Only what the application asked for; otherwise the transport's default (TCP_NODELAY
    // on).
    private volatile @Nullable Boolean noDelay;

    private volatile boolean lastWasString;

    private volatile PeerError lastGetError = PeerError.OK;

    // The application's state for this connection's server: kept across reconnects, as
    // the peer object is.
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    ServerPeer(String path, WriteMode writeMode) {
        this.path = path;
        this.writeMode = writeMode;
    }

    /** Makes a new connection the current one; called in signal order. */
    void attach(PeerSession session) {
        this.session = session;
        Boolean wanted = this.noDelay;
        if (wanted != null && session.isOpen()) {
            session.setNoDelay(wanted);
        }
    }

    @Nullable PeerSession session() {
        return this.session;
    }

    @Override
    public Map<String, Object> attributes() {
        return this.attributes;
    }

    @Override
    public int id() {
        return 1;
    }

    @Override
    public String protocol() {
        PeerSession current = this.session;
        return (current != null) ? current.protocol() : "";
    }

    @Override
    public String path() {
        PeerSession current = this.session;
        return (current != null) ? current.path() : this.path;
    }

    @Override
    public VariantSettings variantSettings() {
        PeerSession current = this.session;
        return (current != null) ? current.variantSettings() : VariantSettings.DEFAULT;
    }

    @Override
    public VariantResult getVar(boolean allowObjects) {
        VariantResult result = Peer.super.getVar(allowObjects);
        PeerSession current = this.session;
        if (result.error() == PeerError.ERR_INVALID_DATA && current != null) {
            current.countInvalidVariant();
        }
        return result;
    }

    @Override
    public PeerError putPacket(byte[] data) {
        return send(data, this.writeMode);
    }

    @Override
    public PeerError send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8), WriteMode.TEXT);
    }

    @Override
    public PeerError send(byte[] data, WriteMode mode) {
        PeerSession current = this.session;
        return (current != null) ? current.send(data, mode) : PeerError.ERR_UNAVAILABLE;
    }

    @Override
    public byte[] getPacket() {
        Packet packet = nextPacket();
        return (packet != null) ? packet.data() : new byte[0];
    }

    @Override
    public PeerError getPacketError() {
        return this.lastGetError;
    }

    @Override
    public @Nullable Packet nextPacket() {
        PeerSession current = this.session;
        Packet packet = (current != null) ? current.nextPacket() : null;
        if (packet == null) {
            this.lastGetError = PeerError.ERR_UNAVAILABLE;
            return null;
        }
        this.lastWasString = packet.string();
        this.lastGetError = PeerError.OK;
        return packet;
    }

    @Override
    public int getAvailablePacketCount() {
        PeerSession current = this.session;
        return (current != null) ? current.getAvailablePacketCount() : 0;
    }

    @Override
    public boolean wasStringPacket() {
        return this.lastWasString;
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
        PeerSession current = this.session;
        if (current != null) {
            current.close(code, reason);
        }
    }

    @Override
    public boolean isConnectedToHost() {
        PeerSession current = this.session;
        return current != null && current.isConnectedToHost();
    }

    @Override
    public String getConnectedHost() {
        PeerSession current = this.session;
        return (current != null) ? current.getConnectedHost() : "";
    }

    @Override
    public int getConnectedPort() {
        PeerSession current = this.session;
        return (current != null) ? current.getConnectedPort() : 0;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        PeerSession current = this.session;
        return (current != null) ? current.remoteAddress() : UNCONNECTED;
    }

    @Override
    public int getCurrentOutboundBufferedAmount() {
        PeerSession current = this.session;
        return (current != null) ? current.getCurrentOutboundBufferedAmount() : 0;
    }

    @Override
    public void setNoDelay(boolean enabled) {
        this.noDelay = enabled;
        PeerSession current = this.session;
        if (current != null && current.isOpen()) {
            current.setNoDelay(enabled);
        }
    }

    @Override
    public String toString() {
        return "Peer 1 (server" + ((this.session != null) ? " at " + remoteAddress() : "") + ")";
    }

}
