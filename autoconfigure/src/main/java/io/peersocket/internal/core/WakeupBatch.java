package io.peersocket.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Wake-ups of I/O threads held back while the current thread delivers a batch of events,
 * as {@code poll()} does. Each reply a game loop queues for another connection would
 * otherwise wake that connection's event loop: a system call per packet and, on a busy
 * core, a thread switch in the middle of the tick. A transport asks
 * {@link #deferWakeup(Executor)} before waking an event loop for a queued write (inside a
 * batch it queues the write without a wake-up, and each event loop so deferred is woken
 * once when the batch ends), or {@link #defer(Executor, Runnable)} before handing a task
 * to a writer pool; so what {@code poll()} queued leaves when it returns, as in the
 * engine.
 */
public final class WakeupBatch {

    private static final ThreadLocal<@Nullable WakeupBatch> CURRENT = new ThreadLocal<>();

    private static final Runnable NOTHING = () -> {
    };

    // A handful of event loops at most: a list beats a set.
    private final List<Executor> loops = new ArrayList<>(4);

    private final List<Executor> executors = new ArrayList<>();

    private final List<Runnable> tasks = new ArrayList<>();

    private WakeupBatch() {
    }

    /**
     * @param loop the event loop a write was queued for
     * @return whether the current thread runs a batch, which then wakes the loop when it
     * ends; {@code false}: wake it now
     */
    public static boolean deferWakeup(Executor loop) {
        WakeupBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        for (Executor known : batch.loops) {
            if (known == loop) {
                return true;
            }
        }
        batch.loops.add(loop);
        return true;
    }

    /**
     * @param executor where the task goes (a writer pool)
     * @param task the task
     * @return whether the current thread runs a batch, which then hands the task over
     * when it ends, after the ones deferred before it; {@code false}: hand it over now
     */
    public static boolean defer(Executor executor, Runnable task) {
        WakeupBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        batch.executors.add(executor);
        batch.tasks.add(task);
        return true;
    }

    /**
     * Runs work as a batch, then wakes every event loop a write was deferred for.
     * @param work the batch
     * @return what the work returned
     */
    static int run(IntSupplier work) {
        if (CURRENT.get() != null) {
            return work.getAsInt();
        }
        WakeupBatch batch = new WakeupBatch();
        CURRENT.set(batch);
        try {
            return work.getAsInt();
        }
        finally {
            CURRENT.remove();
            for (int i = 0; i < batch.tasks.size(); i++) {
                batch.executors.get(i).execute(batch.tasks.get(i));
            }
            for (Executor loop : batch.loops) {
                loop.execute(NOTHING);
            }
        }
    }

}
