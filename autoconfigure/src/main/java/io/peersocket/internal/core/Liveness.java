package io.peersocket.internal.core;

import java.util.Map;
import java.util.TreeMap;

import io.peersocket.spi.CloseInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Pings the peers of one runtime and drops those that went silent. The transports only
 * report each complete frame ({@link PeerSession#heard()}: a volatile flag, no clock
 * read, no timer per message) and send pings and drop connections through
 * {@link Connection}; the decision is taken here, by one periodic {@link #sweep()} over
 * every peer of the runtime. A timer per peer (or Netty's IdleStateHandler, which
 * reschedules on every read) would cost on each message and exist only on Netty, while
 * the servlet transport and the client need the same rule.
 * <p>
 * Only complete frames count: a peer that trickles a frame byte by byte, or stops one
 * byte short of its end, is dropped like a silent one, and the transport frees what it
 * had buffered. A peer whose reading is paused because the application has not read its
 * queue is not at fault and counts as alive.
 */
public final class Liveness {

    /**
     * The reason given in the log and in {@link CloseInfo#reason()} of a peer dropped as
     * idle.
     */
    public static final String IDLE_TIMEOUT = "idle timeout";

    private static final Log logger = LogFactory.getLog(Liveness.class);

    private final PeerRuntime runtime;

    private final long pingNanos;

    private final long idleNanos;

    private final LivenessSettings settings;

    private final long periodNanos;

    // The sweep's own: when the previous sweep ended (0 before the first).
    private long lastSweepNanos;

    /**
     * @param runtime whose peers to watch
     * @param settings the ping interval and the idle timeout
     */
    public Liveness(PeerRuntime runtime, LivenessSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
        this.pingNanos = settings.pingInterval().toNanos();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.periodNanos = settings.sweepPeriod().toNanos();
    }

    /**
     * @return the settings
     */
    public LivenessSettings settings() {
        return this.settings;
    }

    /**
     * Looks at every peer once: drops those silent for the idle timeout, pings those due.
     * Runs on one thread at a time (a periodic task every
     * {@link LivenessSettings#sweepPeriod()}).
     */
    public void sweep() {
        long now = System.nanoTime();
        // A sweep that runs late (a long GC pause, a starved machine) saw nothing
        // meanwhile, and
        // the event loops have not yet read what peers sent during the pause: dropping
        // now would
        // punish them for the server's stall. This round only takes note; the next one
        // decides.
        boolean late = this.lastSweepNanos != 0 && now - this.lastSweepNanos > 2 * this.periodNanos;
        Map<String, Integer> dropped = null;
        for (PeerSession peer : this.runtime.registry().all()) {
            if (!peer.isOpen() || peer.closedLocally() || peer.timedOut()) {
                // Closing already: the transport's close handshake has its own timeouts.
                continue;
            }
            if (peer.takeHeard() || peer.isReadingPaused()) {
                peer.lastHeardNanos = now;
            }
            else if (!late && this.idleNanos > 0 && now - peer.lastHeardNanos >= this.idleNanos) {
                drop(peer, now);
                if (dropped == null) {
                    dropped = new TreeMap<>();
                }
                dropped.merge(peer.path(), 1, Integer::sum);
                continue;
            }
            if (this.pingNanos > 0 && now - peer.lastPingNanos >= this.pingNanos) {
                peer.lastPingNanos = now;
                peer.ping();
            }
        }
        // Measured from the end: a long sweep (many peers) does not make the next one
        // look late.
        this.lastSweepNanos = System.nanoTime();
        if (dropped != null) {
            // Any client can make this happen: one line per sweep, the peers themselves
            // at DEBUG.
            dropped.forEach((path, count) -> logger.info("Dropped " + count + " peer(s) of " + path + ": "
                    + IDLE_TIMEOUT + " (no frame within " + this.settings.idleTimeout().toMillis() + " ms)"));
        }
    }

    private void drop(PeerSession peer, long now) {
        if (logger.isDebugEnabled()) {
            logger.debug(peer + " from " + peer.remoteAddress() + " sent no complete frame for "
                    + (now - peer.lastHeardNanos) / 1_000_000 + " ms: " + IDLE_TIMEOUT + ", dropping it");
        }
        peer.markTimedOut();
        this.runtime.observer().idleTimedOut(peer.path());
        peer.abort();
    }

}
