package com.example.pollserver;

import java.nio.charset.StandardCharsets;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@PacketHandler
class EchoServer implements PeerListener {

    private static final Logger log = LoggerFactory.getLogger(EchoServer.class);

    @Override
    public void clientConnected(Peer peer, String protocol) {
        log.info("Client {} connected with protocol: {}", peer.id(), protocol);
    }

    @Override
    public void clientCloseRequest(Peer peer, int code, String reason) {
        log.info("Client {} disconnecting with code: {}, reason: {}", peer.id(), code, reason);
    }

    @Override
    public void clientDisconnected(Peer peer, boolean wasClean) {
        log.info("Client {} disconnected, clean: {}", peer.id(), wasClean);
    }

    @Override
    public void dataReceived(Peer peer) {
        byte[] pkt = peer.getPacket();
        log.info("Got data from client {}: {} ... echoing", peer.id(), new String(pkt, StandardCharsets.UTF_8));
        peer.putPacket(pkt);
    }

}
