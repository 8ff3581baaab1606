package io.peersocket.internal.relay;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayHook;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.RelayVerdict;
import io.peersocket.multiplayer.RelayedPacket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The application's {@link RelayHook} on each checked client payload: pass it, drop it,
 * or rewrite its target or payload. A hook that throws (or answers null) drops the
 * packet: it runs on the I/O thread, where an exception would end the sender's
 * connection, and an anti-cheat hook should fail closed.
 */
final class RelayInspection {

    // The API's name: what operators grep for in the logs.
    private static final Log logger = LogFactory.getLog(RelayServer.class);

    private final RelayServer relay;

    private final @Nullable RelayHook hook;

    private final RelayStatistics statistics;

    /**
     * @param relay the relay the hook is shown
     * @param hook the application's hook, or {@code null} for none
     * @param statistics counts the drops and the hook's failures
     */
    RelayInspection(RelayServer relay, @Nullable RelayHook hook, RelayStatistics statistics) {
        this.relay = relay;
        this.hook = hook;
        this.statistics = statistics;
    }

    /**
     * @param peer the sender
     * @param frame a checked client payload frame
     * @return the frame to route (the same array unless the hook rewrote it), or
     * {@code null} when the hook dropped it
     */
    byte @Nullable [] inspect(PeerSession peer, byte[] frame) {
        RelayHook inspector = this.hook;
        if (inspector == null) {
            return frame;
        }
        RelayVerdict verdict = verdict(inspector, peer, frame);
        if (verdict.isDrop()) {
            this.statistics.dropped(RelayServer.DROP_HOOK);
            return null;
        }
        if (verdict.isPass()) {
            return frame;
        }
        int from = RelayFrame.fromOf(frame);
        int to = verdict.targetOr(RelayFrame.toOf(frame));
        byte[] payload = verdict.payload();
        return (payload != null) ? RelayFrame.payload(from, to, payload) : RelayFrame.encode(RelayFrame.PAYLOAD, from,
                to, frame, RelayFrame.HEADER_SIZE, frame.length - RelayFrame.HEADER_SIZE);
    }

    private RelayVerdict verdict(RelayHook inspector, PeerSession peer, byte[] frame) {
        try {
            RelayVerdict verdict = inspector.inspect(new RelayedPacket(this.relay, peer, frame));
            if (verdict == null) {
                throw new IllegalStateException(
                        "RelayHook " + inspector + " returned null; return RelayVerdict.pass()");
            }
            return verdict;
        }
        catch (RuntimeException ex) {
            logger.error("RelayHook failed on a packet of " + peer + "; the packet is dropped", ex);
            this.statistics.hookFailed(ex);
            return RelayVerdict.drop();
        }
    }

}
