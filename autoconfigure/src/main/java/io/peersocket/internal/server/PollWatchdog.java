package io.peersocket.internal.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.server.PeerSocketServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Warns once per endpoint when {@code peersocket.server.dispatch=poll} and nobody calls
 * {@link PeerSocketServer#poll()}: in poll mode no signal reaches a handler until the
 * application polls, so a newcomer who set the mode and wrote no game loop otherwise sees
 * peers connect and nothing happen, in silence. The warning comes when a peer has waited
 * for a {@code poll()} longer than the grace period.
 */
public final class PollWatchdog implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(PollWatchdog.class);

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final DefaultPeerSocketServer server;

    private final Duration grace;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private final AtomicLong checks = new AtomicLong();

    private volatile @Nullable ScheduledExecutorService timer;

    /**
     * @param server the server in poll mode
     * @param grace how long a peer may wait for {@code poll()} before the warning
     */
    public PollWatchdog(DefaultPeerSocketServer server, Duration grace) {
        this.server = server;
        this.grace = grace;
    }

    @Override
    public void start() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon());
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        this.timer = timer;
    }

    private static CustomizableThreadFactory daemon() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("peersocket-poll-watchdog-");
        threads.setDaemon(true);
        return threads;
    }

    /**
     * Warns for each endpoint with a peer that has waited past the grace period since the
     * last poll.
     */
    void check() {
        long now = System.currentTimeMillis();
        long lastPoll = this.server.lastPollAt();
        for (PeerSession peer : this.server.runtime().registry().all()) {
            boolean waiting = peer.isOpen() && peer.connectedAt() > lastPoll
                    && now - peer.connectedAt() >= this.grace.toMillis();
            if (waiting && this.warned.add(peer.path())) {
                logger.warn("peersocket.server.dispatch is 'poll' but PeerSocketServer.poll() has not been called "
                        + "for " + this.grace.toSeconds() + " s while peer " + peer.id() + " of " + peer.path()
                        + " waits: no signal reaches its handler until the application calls poll() (from its "
                        + "game loop, e.g. a @Scheduled method). Set peersocket.server.dispatch=push to have "
                        + "signals pushed instead. (Logged once per endpoint.)");
            }
        }
        this.checks.incrementAndGet();
    }

    /**
     * @return how many checks ran, for tests that wait for more of them
     */
    long checks() {
        return this.checks.get();
    }

    @Override
    public void stop() {
        ScheduledExecutorService timer = this.timer;
        if (timer != null) {
            timer.shutdownNow();
            this.timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.timer != null;
    }

}
