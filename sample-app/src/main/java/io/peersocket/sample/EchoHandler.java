package io.peersocket.sample;

import io.peersocket.annotation.ClientCloseRequest;
import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The seed's minimal server example: logs each signal in the seed's words and echoes every packet. */
@PacketHandler(path = "/echo")
class EchoHandler {

    private static final Log logger = LogFactory.getLog(EchoHandler.class);

    @ClientConnected
    void connected(int id, String protocol) {
        logger.info(String.format("Client %d connected with protocol: %s", id, protocol));
    }

    @ClientCloseRequest
    void closeRequest(int id, int code, String reason) {
        logger.info(String.format("Client %d disconnecting with code: %d, reason: %s", id, code, reason));
    }

    @ClientDisconnected
    void disconnected(int id, boolean wasClean) {
        logger.info(String.format("Client %d disconnected, clean: %s", id, wasClean));
    }

    /** Answers in the packet's own mode: the return value goes back as the packet came. */
    @DataReceived
    byte[] onData(int id, Packet packet) {
        logger.info(String.format("Got data from client %d: %s ... echoing", id, packet.text()));
        return packet.data();
    }

}
