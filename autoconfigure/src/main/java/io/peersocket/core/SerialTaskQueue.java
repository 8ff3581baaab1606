package io.peersocket.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. One hand-off to the
 * executor drains every task queued meanwhile, so a busy peer costs one task switch per batch,
 * not per message, and a slow (blocking) task of one peer never delays another peer's queue.
 */
public final class SerialTaskQueue implements Executor {

    private static final Log logger = LogFactory.getLog(SerialTaskQueue.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    // Tasks submitted and not yet run; the submitter that moves it from 0 schedules the drain.
    private final AtomicInteger pending = new AtomicInteger();

    private final Executor executor;

    /** @param executor the shared executor that runs each drain (a handler thread pool) */
    public SerialTaskQueue(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        // Counted before it is queued: the drainer then never runs a task it has not counted, the
        // count never goes below the tasks still to run, and only the submitter that finds it at
        // zero (no drainer active) starts one. Counting after queueing let the count go negative
        // and two drainers run one peer's tasks at once.
        boolean startDrain = this.pending.getAndIncrement() == 0;
        this.tasks.add(task);
        if (startDrain) {
            this.executor.execute(this::drain);
        }
    }

    private void drain() {
        for (;;) {
            int batch = 0;
            Runnable task;
            while ((task = this.tasks.poll()) != null) {
                try {
                    task.run();
                }
                catch (Throwable ex) {
                    logger.error("Task failed in a peer's serial queue", ex);
                }
                batch++;
            }
            if (this.pending.addAndGet(-batch) == 0) {
                return;
            }
            if (batch == 0) {
                // A submitter has counted its task but not yet queued it: a few instructions
                // away, so wait for it rather than hand off again.
                Thread.onSpinWait();
            }
        }
    }

}
