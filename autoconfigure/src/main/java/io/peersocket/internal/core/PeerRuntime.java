package io.peersocket.internal.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.peersocket.logging.HandlerErrorLog;
import io.peersocket.peer.DispatchMode;
import io.peersocket.spi.HandlerScope;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What every endpoint of one server (or every connection of one client) shares: the peer
 * ids, how events reach the application (push or poll), the observer and the handler
 * error policy.
 */
public final class PeerRuntime {

    private static final Log logger = LogFactory.getLog(PeerRuntime.class);

    private final PeerRegistry registry = new PeerRegistry();

    private final DispatchMode dispatchMode;

    private final Executor handlerExecutor;

    private final PeerSocketObserver observer;

    private final boolean closeOnHandlerError;

    private final boolean timeHandlers;

    private volatile VariantSettings variants = VariantSettings.DEFAULT;

    private volatile TrafficLimits trafficLimits = TrafficLimits.NONE;

    // Null when nothing observes handler calls: then invoke() adds nothing per callback.
    private volatile @Nullable HandlerScope handlerScope;

    // Poll mode: every event of every peer, in arrival order, until poll() runs them.
    private final Queue<Runnable> pollQueue = new ConcurrentLinkedQueue<>();

    private final AtomicInteger pollPending = new AtomicInteger();

    private final Object pollLock = new Object();

    /**
     * @param dispatchMode push or poll
     * @param handlerExecutor runs push-mode handlers; never an I/O thread
     * @param observer receives counts for metrics
     * @param closeOnHandlerError whether a handler that throws closes its peer with 1011
     */
    public PeerRuntime(DispatchMode dispatchMode, Executor handlerExecutor, PeerSocketObserver observer,
            boolean closeOnHandlerError) {
        this.dispatchMode = dispatchMode;
        this.handlerExecutor = handlerExecutor;
        this.observer = observer;
        this.closeOnHandlerError = closeOnHandlerError;
        this.timeHandlers = observer.timesHandlers();
    }

    /**
     * @return how the peers encode Variants (put_var, get_var)
     */
    public VariantSettings variants() {
        return this.variants;
    }

    /**
     * @param variants how the peers encode Variants; set once, before any peer connects
     */
    public void setVariants(VariantSettings variants) {
        this.variants = variants;
    }

    /**
     * @return the per-peer rates and slow-reader policy (none for a client)
     */
    public TrafficLimits trafficLimits() {
        return this.trafficLimits;
    }

    /**
     * @param trafficLimits the per-peer rates and slow-reader policy; set once, before
     * any peer connects
     */
    public void setTrafficLimits(TrafficLimits trafficLimits) {
        this.trafficLimits = trafficLimits;
    }

    /**
     * @param scope what surrounds every application callback (observations, MDC); set
     * once, before any peer connects
     */
    public void setHandlerScope(@Nullable HandlerScope scope) {
        this.handlerScope = scope;
    }

    /**
     * @return the open peers by id
     */
    public PeerRegistry registry() {
        return this.registry;
    }

    /**
     * @return how signals reach the application: push or poll
     */
    public DispatchMode dispatchMode() {
        return this.dispatchMode;
    }

    /**
     * @return what is told of every count (opened, closed, packets, drops, errors)
     */
    public PeerSocketObserver observer() {
        return this.observer;
    }

    /**
     * @return where one new peer's events run: its own serial queue (push) or the poll
     * queue; a client shares one across its successive connections so that all its
     * signals stay in order
     */
    public Executor newEventQueue() {
        return newEventQueue(null, true);
    }

    /**
     * @param owner the peer's connection: a transport thread marked as working for it
     * ({@link SerialTaskQueue#runAsOwner}) runs the peer's push-mode handlers itself when
     * they are idle, or {@code null}
     * @param blocking whether the peer's handler may block; {@code false} runs its
     * push-mode signals on the thread that raises them (the transport's I/O thread),
     * without a hand-off
     * @return where one new peer's events run: its own serial queue (push) or the poll
     * queue
     */
    public Executor newEventQueue(@Nullable Object owner, boolean blocking) {
        if (this.dispatchMode == DispatchMode.PUSH) {
            return blocking ? new SerialTaskQueue(this.handlerExecutor, owner) : SerialTaskQueue.inline();
        }
        return (event) -> {
            this.pollQueue.add(event);
            this.pollPending.incrementAndGet();
        };
    }

    /**
     * Delivers, on the calling thread and in arrival order, every event that was pending
     * when the call began, as the engine's {@code poll()}. Does nothing in push mode.
     * @return how many events were delivered
     */
    public int poll() {
        // Replies queued by the signals are written when the I/O threads wake: once per
        // thread,
        // when the batch ends, not once per packet in the middle of the game's tick.
        return WakeupBatch.run(this::deliverPending);
    }

    private int deliverPending() {
        synchronized (this.pollLock) {
            int due = this.pollPending.get();
            int done = 0;
            Runnable event;
            while (done < due && (event = this.pollQueue.poll()) != null) {
                event.run();
                done++;
            }
            this.pollPending.addAndGet(-done);
            return done;
        }
    }

    /**
     * Runs one application callback so that what it throws is logged, counted, and
     * answered by policy.
     */
    void invoke(PeerSession peer, String signal, Runnable callback) {
        long start = this.timeHandlers ? System.nanoTime() : 0L;
        HandlerScope scope = this.handlerScope;
        try {
            if (scope != null) {
                scope.run(peer, signal, callback);
            }
            else {
                callback.run();
            }
        }
        catch (Throwable ex) {
            HandlerErrorLog.log(logger, peer, "Handler for " + peer.path() + " failed on peer " + peer.id()
                    + (this.closeOnHandlerError ? "; closing it with 1011" : ""), ex);
            this.observer.handlerError(peer.path(), ex);
            if (this.closeOnHandlerError) {
                peer.close(1011, "Handler error");
            }
        }
        finally {
            if (this.timeHandlers) {
                this.observer.handled(peer.path(), System.nanoTime() - start);
            }
        }
    }

}
