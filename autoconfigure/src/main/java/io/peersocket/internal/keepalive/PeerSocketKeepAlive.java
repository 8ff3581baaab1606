package io.peersocket.internal.keepalive;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * One non-daemon thread, alive from the start of the application context to its close.
 *
 * <p>
 * Reactor Netty's I/O threads are daemons, and the handler threads are made only when a
 * signal comes: a non-web application whose only work is a dedicated port or a named
 * client connection would otherwise end as soon as {@code main} returns. A web
 * application needs none: its web server's own thread keeps the JVM up. This is what
 * Boot's {@code spring.main.keep-alive} does, limited to the applications that need it,
 * so that a client-only application works without that property. Closing the context
 * (SIGTERM, {@code SpringApplication.exit}) ends the thread, so the JVM can exit.
 */
public final class PeerSocketKeepAlive implements SmartLifecycle {

    /** The thread's name, to find it in a thread dump. */
    public static final String THREAD_NAME = "peersocket-keep-alive";

    private static final Log logger = LogFactory.getLog(PeerSocketKeepAlive.class);

    private final Supplier<@Nullable String> reason;

    private @Nullable CountDownLatch running;

    private boolean started;

    /**
     * @param reason asked on start: what there is to keep the application up for (for the
     * log), or {@code null} when there is nothing (no dedicated port, no named
     * connection)
     */
    public PeerSocketKeepAlive(Supplier<@Nullable String> reason) {
        this.reason = reason;
    }

    @Override
    public synchronized void start() {
        if (this.started) {
            return;
        }
        this.started = true;
        String why = this.reason.get();
        if (why == null) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                latch.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, THREAD_NAME);
        thread.setDaemon(false);
        thread.start();
        this.running = latch;
        logger.debug("Keeping the JVM running for " + why);
    }

    @Override
    public synchronized void stop() {
        this.started = false;
        if (this.running != null) {
            this.running.countDown();
            this.running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.started;
    }

    /**
     * @return whether the thread holds the JVM now
     */
    public synchronized boolean isHolding() {
        return this.running != null;
    }

    /** Last to start, first to stop: it holds the JVM, not a resource. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

}
