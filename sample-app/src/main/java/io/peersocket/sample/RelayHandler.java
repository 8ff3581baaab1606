package io.peersocket.sample;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerConnected;
import io.peersocket.annotation.PeerDisconnected;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A multiplayer relay at {@code ws://127.0.0.1:9080/mp} for Godot clients with
 * {@code gd_mp_api = true}: the clients reach each other through it, and this bean is the
 * server's own application, peer 1. It logs what it receives and answers
 * {@code ping-server:X} with {@code pong-server:X}, sent to the sender only.
 */
// Its clients need a player's token (SCOPE_player, from POST /token), checked before the
// upgrade.
@PacketHandler(path = "/mp", multiplayer = true, authorities = "SCOPE_player")
class RelayHandler {

    private static final Log logger = LogFactory.getLog(RelayHandler.class);

    private static final String PING = "ping-server:";

    @PeerConnected
    void joined(int id) {
        logger.debug(String.format("Peer %d joined the relay", id));
    }

    @PeerDisconnected
    void left(int id) {
        logger.debug(String.format("Peer %d left the relay", id));
    }

    /** A non-null result goes back to the sender alone, from peer 1. */
    @PeerPacket
    @Nullable String received(int from, int to, String text) {
        // Clients trigger it at will: DEBUG, and their text escaped so that a CR/LF
        // forges no log line.
        if (logger.isDebugEnabled()) {
            logger.debug(String.format("Got packet from peer %d to %d: %s", from, to, LogSafe.text(text)));
        }
        return text.startsWith(PING) ? "pong-server:" + text.substring(PING.length()) : null;
    }

}
