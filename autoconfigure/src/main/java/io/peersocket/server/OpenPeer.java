package io.peersocket.server;

import java.time.Instant;

/**
 * A snapshot of one open peer, for operations (the actuator endpoint, an application's
 * admin page): what the peer was when it was taken, not a handle on it. Send to or close
 * a peer through {@link PeerSocketServer#getPeer(int)} and
 * {@link PeerSocketServer#disconnectPeer(int, int, String)}.
 *
 * @param id the peer id
 * @param address the remote IP address
 * @param port the remote port
 * @param protocol the selected subprotocol, empty for none
 * @param path the endpoint path
 * @param connectedAt when the upgrade completed
 * @param inBytes payload bytes received and not yet read by the application
 * @param inPackets messages received and not yet read by the application
 * @param outBytes payload bytes queued for sending and not yet handed to the socket
 * @param outPackets messages queued for sending and not yet handed to the socket
 */
public record OpenPeer(int id, String address, int port, String protocol, String path, Instant connectedAt, int inBytes,
        int inPackets, int outBytes, int outPackets) {
}
