package io.peersocket.actuate;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.peersocket.server.OpenPeer;
import io.peersocket.server.PeerSocketServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The actuator endpoint {@code peersocket}: the open peers of the server, one peer by id,
 * and a delete operation that disconnects one peer with a close code and reason
 * ({@code disconnect_peer}). Exposed, as every actuator endpoint, only when the
 * application includes it in {@code management.endpoints.web.exposure.include}. Read-only
 * unless the application grants more
 * ({@code management.endpoint.peersocket.access=unrestricted}): an exposed endpoint must
 * not let whoever reaches the management port disconnect users by default.
 */
@Endpoint(id = "peersocket", defaultAccess = Access.READ_ONLY)
public class PeerSocketEndpoint {

    private final PeerSocketServer server;

    /**
     * @param server the server whose peers to show
     */
    public PeerSocketEndpoint(PeerSocketServer server) {
        this.server = server;
    }

    /**
     * @return the server's state and its open peers, oldest first
     */
    @ReadOperation
    public PeersDescriptor peers() {
        List<PeerDescriptor> peers = this.server.openPeers().stream().map(PeerSocketEndpoint::describe).toList();
        return new PeersDescriptor(this.server.isListening(), this.server.isDraining(), peers.size(), peers);
    }

    /**
     * @param id a peer id
     * @return the peer, or {@code null} (404) when no such peer is open
     */
    @ReadOperation
    public @Nullable PeerDescriptor peer(@Selector int id) {
        OpenPeer peer = this.server.openPeer(id);
        return (peer != null) ? describe(peer) : null;
    }

    /**
     * Closes a peer with a close frame carrying the code and reason; its disconnect
     * signal follows.
     * @param id the peer
     * @param code the close code: 1000 (the default), 1001, 1008, 1011 or an application
     * code 3000-4999
     * @param reason the reason, at most 123 bytes of UTF-8 (default empty)
     * @return what was done, or {@code null} when no such peer is open
     * @throws IllegalArgumentException when the code or reason cannot be sent
     */
    @DeleteOperation
    public @Nullable DisconnectDescriptor disconnect(@Selector int id, @Nullable Integer code,
            @Nullable String reason) {
        int closeCode = (code != null) ? code : 1000;
        String closeReason = (reason != null) ? reason : "";
        checkClose(closeCode, closeReason);
        if (this.server.openPeer(id) == null) {
            return null;
        }
        this.server.disconnectPeer(id, closeCode, closeReason);
        return new DisconnectDescriptor(id, closeCode, closeReason);
    }

    /**
     * @param code a close code
     * @param reason a close reason
     * @throws IllegalArgumentException when a close frame cannot carry them (RFC 6455
     * 7.4)
     */
    static void checkClose(int code, String reason) {
        boolean sendable = code == 1000 || code == 1001 || code == 1002 || code == 1003
                || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
        if (!sendable) {
            throw new IllegalArgumentException("Close code " + code
                    + " cannot be sent; use 1000, 1001, 1008, 1011 or an application code 3000-4999");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("A close reason is at most 123 bytes of UTF-8");
        }
    }

    private static PeerDescriptor describe(OpenPeer peer) {
        return new PeerDescriptor(peer.id(), peer.address(), peer.port(), peer.protocol(), peer.path(),
                peer.connectedAt().toString(), new Queued(peer.inBytes(), peer.inPackets()),
                new Queued(peer.outBytes(), peer.outPackets()));
    }

    /**
     * The server and its open peers.
     *
     * @param listening whether the server accepts connections
     * @param draining whether it is shutting down
     * @param count how many peers are open
     * @param peers the open peers, oldest first
     */
    public record PeersDescriptor(boolean listening, boolean draining, int count, List<PeerDescriptor> peers) {
    }

    /**
     * One open peer.
     *
     * @param id the peer id
     * @param address the remote IP address
     * @param port the remote port
     * @param protocol the selected subprotocol, empty for none
     * @param endpoint the endpoint path
     * @param connectedSince when the upgrade completed (ISO-8601 instant)
     * @param queuedIn received and not yet read by the application
     * @param queuedOut queued for sending and not yet handed to the socket
     */
    public record PeerDescriptor(int id, String address, int port, String protocol, String endpoint,
            String connectedSince, Queued queuedIn, Queued queuedOut) {
    }

    /**
     * What waits in one direction of a peer's queues.
     *
     * @param bytes payload bytes
     * @param packets whole messages
     */
    public record Queued(int bytes, int packets) {
    }

    /**
     * A disconnect that was asked for.
     *
     * @param id the peer
     * @param code the close code sent
     * @param reason the reason sent
     */
    public record DisconnectDescriptor(int id, int code, String reason) {
    }

}
