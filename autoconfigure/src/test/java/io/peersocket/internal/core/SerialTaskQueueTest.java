package io.peersocket.internal.core;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One peer's tasks never run at once and keep each submitter's order, however many
 * threads submit.
 */
class SerialTaskQueueTest {

    @Test
    void manySubmittersNeverMakeTwoDrainsRunAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        try {
            SerialTaskQueue queue = new SerialTaskQueue(pool);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger outOfOrder = new AtomicInteger();
            int[] last = new int[8];
            int each = 50_000;
            CountDownLatch done = new CountDownLatch(8 * each);
            CountDownLatch start = new CountDownLatch(1);
            for (int s = 0; s < 8; s++) {
                int submitter = s;
                last[s] = -1;
                submitters.submit(() -> {
                    start.await();
                    for (int n = 0; n < each; n++) {
                        int seq = n;
                        queue.execute(() -> {
                            if (running.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            if (last[submitter] != seq - 1) {
                                outOfOrder.incrementAndGet();
                            }
                            last[submitter] = seq;
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                    return null;
                });
            }
            start.countDown();
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps).hasValue(0);
            assertThat(outOfOrder).hasValue(0);
        }
        finally {
            submitters.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void anInlineQueueRunsOnTheSubmittingThreadAndATaskItQueuesRunsAfterItNotInsideIt() {
        SerialTaskQueue queue = SerialTaskQueue.inline();
        List<String> ran = new java.util.ArrayList<>();
        String caller = Thread.currentThread().getName();
        queue.execute(() -> {
            ran.add("first on " + Thread.currentThread().getName());
            queue.execute(() -> ran.add("second"));
            ran.add("first done");
        });
        assertThat(ran).containsExactly("first on " + caller, "first done", "second");
    }

    @Test
    void theOwnersThreadRunsAnIdleQueueItselfAndOtherThreadsHandOffToThePool() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor((task) -> new Thread(task, "pool"));
        try {
            Object connection = new Object();
            SerialTaskQueue queue = new SerialTaskQueue(pool, connection);
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            SerialTaskQueue.runAsOwner(connection,
                    () -> queue.execute(() -> threads.add(Thread.currentThread().getName())));
            assertThat(threads).containsExactly(Thread.currentThread().getName());
            queue.execute(() -> threads.add(Thread.currentThread().getName()));
            SerialTaskQueue.runAsOwner(new Object(),
                    () -> queue.execute(() -> threads.add(Thread.currentThread().getName())));
            pool.submit(() -> {
            }).get(5, TimeUnit.SECONDS);
            assertThat(threads).containsExactly(Thread.currentThread().getName(), "pool", "pool");
        }
        finally {
            pool.shutdownNow();
        }
    }

}
