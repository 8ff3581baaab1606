package io.peersocket.internal.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.peersocket.internal.core.Liveness;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs the server's {@link Liveness} sweep on one daemon thread of its own while the
 * server runs, whatever the transport (nothing when both settings are 0): a sweep only
 * reads a flag per peer and queues pings, so one thread serves every peer, and no
 * application scheduler is borrowed (or slowed down).
 */
public final class LivenessSweep implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(LivenessSweep.class);

    private final Liveness liveness;

    private volatile @Nullable ScheduledExecutorService executor;

    /**
     * @param liveness the server's liveness rule
     */
    public LivenessSweep(Liveness liveness) {
        this.liveness = liveness;
    }

    @Override
    public void start() {
        if (!this.liveness.settings().enabled()) {
            return; // ping-interval and idle-timeout are both 0
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                new CustomizableThreadFactory("peersocket-liveness-"));
        ((CustomizableThreadFactory) timer.getThreadFactory()).setDaemon(true);
        timer.setRemoveOnCancelPolicy(true);
        long period = this.liveness.settings().sweepPeriod().toNanos();
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
        this.executor = timer;
    }

    // A failed sweep must not end the periodic task (the executor would drop it
    // silently).
    private void sweep() {
        try {
            this.liveness.sweep();
        }
        catch (RuntimeException ex) {
            logger.error("Liveness sweep failed", ex);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService timer = this.executor;
        if (timer != null) {
            timer.shutdownNow();
            this.executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.executor != null;
    }

    /** Stops after the server's own lifecycle has closed its peers. */
    @Override
    public int getPhase() {
        return ServerLifecycle.PHASE - 1;
    }

}
