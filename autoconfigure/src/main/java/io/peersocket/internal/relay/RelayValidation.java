package io.peersocket.internal.relay;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The engine's checks on what a client sends a relay: a binary frame, at least the header
 * long, a payload (only the server sends system messages), from the sender's own id. A
 * frame that fails is dropped, counted by reason, logged (a warning on the client's first
 * violation, debug after) and, when the relay is strict, its sender closed.
 */
final class RelayValidation {

    // The API's name: what operators grep for in the logs.
    private static final Log logger = LogFactory.getLog(RelayServer.class);

    private final RelayOptions options;

    private final RelayStatistics statistics;

    // Clients already warned about a protocol violation: later ones are logged at debug
    // only.
    private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param options whether a violation closes its sender
     * @param statistics counts the drops
     */
    RelayValidation(RelayOptions options, RelayStatistics statistics) {
        this.options = options;
        this.statistics = statistics;
    }

    /**
     * @param peer the sender
     * @param packet what it sent
     * @return whether it is a client payload to route; if not, it has been dropped
     */
    boolean accept(PeerSession peer, Packet packet) {
        byte[] frame = packet.data();
        if (packet.string()) {
            return violation(peer, RelayServer.DROP_TEXT_FRAME, 1003, "a text frame (relay messages are binary)");
        }
        if (!RelayFrame.hasHeader(frame)) {
            return violation(peer, RelayServer.DROP_TOO_SHORT, 1008,
                    "a message of " + frame.length + " bytes, shorter than the header");
        }
        int type = RelayFrame.typeOf(frame);
        if (type != RelayFrame.PAYLOAD) {
            return violation(peer, RelayServer.DROP_SYSTEM_MESSAGE, 1008,
                    "a system message (" + RelayFrame.typeName(type) + "); only the server sends those");
        }
        int from = RelayFrame.fromOf(frame);
        if (from != peer.id()) {
            return violation(peer, RelayServer.DROP_SPOOFED_FROM, 1008, "a message claiming to come from " + from);
        }
        return true;
    }

    /**
     * @param id a client that left: a later client with its id is warned again
     */
    void forget(int id) {
        this.warned.remove(id);
    }

    private boolean violation(PeerSession peer, String reason, int closeCode, String what) {
        this.statistics.dropped(reason);
        boolean strict = this.options.strict();
        String message = peer + " sent " + what + ": dropped"
                + (strict ? "; closing it with " + closeCode + " (strict)" : "");
        if (this.warned.add(peer.id())) {
            logger.warn(message + (strict ? "" : "; later violations of this peer are logged at debug level"));
        }
        else if (logger.isDebugEnabled()) {
            logger.debug(message);
        }
        if (strict) {
            peer.close(closeCode, "Relay protocol violation");
        }
        return false;
    }

}
