package io.peersocket.internal.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks one at a time, in submission order. One hand-off to the shared executor
 * drains every task queued meanwhile, so a busy peer costs one task switch per batch, not
 * per message, and a slow (blocking) task of one peer never delays another peer's queue.
 * <p>
 * Two cases skip the hand-off, because a thread switch costs more than most handlers:
 * <ul>
 * <li>an {@linkplain #inline() inline} queue runs its tasks on the submitting thread
 * (handlers declared non-blocking, on the I/O thread that read the message);</li>
 * <li>a queue with an owner runs a task on the submitting thread when that thread is
 * working {@linkplain #runAsOwner for that owner} and the queue is idle: a servlet
 * container's thread handling one connection's message may block, as plain Spring
 * WebSocket handlers do, and runs that connection's handler itself. What is queued
 * meanwhile goes to the executor.</li>
 * </ul>
 */
public final class SerialTaskQueue implements Executor {

    private static final Log logger = LogFactory.getLog(SerialTaskQueue.class);

    // The connection the current thread is working for; see runAsOwner.
    private static final ThreadLocal<@Nullable Object> CURRENT_OWNER = new ThreadLocal<>();

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    // Tasks submitted and not yet run; the submitter that moves it from 0 schedules the
    // drain.
    private final AtomicInteger pending = new AtomicInteger();

    private final @Nullable Executor executor;

    private final @Nullable Object owner;

    private final Runnable drainTask = this::drain;

    /**
     * @param executor the shared executor that runs each drain (a handler thread pool)
     */
    public SerialTaskQueue(Executor executor) {
        this(executor, null);
    }

    /**
     * @param executor the shared executor that runs each drain (a handler thread pool)
     * @param owner the connection whose thread may run tasks itself (see
     * {@link #runAsOwner}), or {@code null}
     */
    public SerialTaskQueue(Executor executor, @Nullable Object owner) {
        this.executor = executor;
        this.owner = owner;
    }

    private SerialTaskQueue() {
        this.executor = null;
        this.owner = null;
    }

    /**
     * @return a queue that runs every task on the thread that submits it (or is draining
     * it)
     */
    public static SerialTaskQueue inline() {
        return new SerialTaskQueue();
    }

    /**
     * Runs work with the current thread marked as working for an owner: queues of that
     * owner that are idle run what is submitted to them on this thread.
     * @param owner the connection
     * @param work what the thread does for it
     */
    public static void runAsOwner(Object owner, Runnable work) {
        Object previous = CURRENT_OWNER.get();
        CURRENT_OWNER.set(owner);
        try {
            work.run();
        }
        finally {
            if (previous == null) {
                CURRENT_OWNER.remove();
            }
            else {
                CURRENT_OWNER.set(previous);
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        // Counted before it is queued: the drainer then never runs a task it has not
        // counted, the
        // count never goes below the tasks still to run, and only the submitter that
        // finds it at
        // zero (no drainer active) starts one. Counting after queueing let the count go
        // negative
        // and two drainers run one peer's tasks at once.
        boolean idle = this.pending.getAndIncrement() == 0;
        Executor shared = this.executor;
        if (idle && (shared == null || (this.owner != null && CURRENT_OWNER.get() == this.owner))) {
            // Ours to run here and nothing before it: at once, without queueing it.
            run(task);
            if (this.pending.decrementAndGet() != 0) {
                // Queued meanwhile, by others or by the task itself: an inline queue runs
                // them
                // here; an owner's thread leaves them to the pool and returns to its own
                // work.
                if (shared == null) {
                    drain();
                }
                else {
                    shared.execute(this.drainTask);
                }
            }
            return;
        }
        this.tasks.add(task);
        // An idle queue without an executor ran the task above: here, idle means shared
        // is set.
        if (idle && shared != null && !WakeupBatch.defer(shared, this.drainTask)) {
            shared.execute(this.drainTask);
        }
    }

    private void drain() {
        for (;;) {
            int batch = 0;
            Runnable task;
            while ((task = this.tasks.poll()) != null) {
                run(task);
                batch++;
            }
            if (this.pending.addAndGet(-batch) == 0) {
                return;
            }
            if (batch == 0) {
                // A submitter has counted its task but not yet queued it: a few
                // instructions
                // away, so wait for it rather than hand off again.
                Thread.onSpinWait();
            }
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        }
        catch (Throwable ex) {
            logger.error("Task failed in a peer's serial queue", ex);
        }
    }

}
