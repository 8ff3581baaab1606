package io.peersocket.sample;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.WriteMode;

/**
 * libwebsockets' {@code lws-mirror-protocol}, the server the seed's minimal client
 * example talks to: every message goes to every client of the protocol, the sender
 * included, in the sender's mode.
 */
@PacketHandler(path = "/", protocols = "lws-mirror-protocol")
class MirrorHandler {

    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();

    @ClientConnected
    void joined(Peer peer) {
        this.peers.add(peer);
    }

    @DataReceived
    void mirror(Packet packet) {
        WriteMode mode = packet.string() ? WriteMode.TEXT : WriteMode.BINARY;
        for (Peer peer : this.peers) {
            peer.send(packet.data(), mode);
        }
    }

    @ClientDisconnected
    void left(Peer peer) {
        this.peers.remove(peer);
    }

}
