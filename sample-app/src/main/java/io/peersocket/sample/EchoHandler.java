package io.peersocket.sample;

import io.peersocket.annotation.ClientCloseRequest;
import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.logging.LogSafe;
import io.peersocket.peer.Packet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The seed's minimal server example: logs each signal in the seed's words and echoes
 * every packet. Every line is something a client triggers, so they are DEBUG (an echo
 * flood must not fill the disk: {@code logging.level.io.peersocket.sample=debug} shows
 * them) and what the client sent is escaped by {@link LogSafe}, so a CR/LF in a message
 * cannot forge a log line.
 */
@PacketHandler(path = "/echo")
class EchoHandler {

    private static final Log logger = LogFactory.getLog(EchoHandler.class);

    @ClientConnected
    void connected(int id, String protocol) {
        if (logger.isDebugEnabled()) {
            logger.debug(String.format("Client %d connected with protocol: %s", id, LogSafe.text(protocol)));
        }
    }

    @ClientCloseRequest
    void closeRequest(int id, int code, String reason) {
        if (logger.isDebugEnabled()) {
            logger.debug(
                    String.format("Client %d disconnecting with code: %d, reason: %s", id, code, LogSafe.text(reason)));
        }
    }

    @ClientDisconnected
    void disconnected(int id, boolean wasClean) {
        if (logger.isDebugEnabled()) {
            logger.debug(String.format("Client %d disconnected, clean: %s", id, wasClean));
        }
    }

    /**
     * Answers in the packet's own mode: the return value goes back as the packet came.
     */
    @DataReceived
    byte[] onData(int id, Packet packet) {
        if (logger.isDebugEnabled()) {
            logger.debug(String.format("Got data from client %d: %s ... echoing", id, LogSafe.text(packet.text())));
        }
        return packet.data();
    }

}
