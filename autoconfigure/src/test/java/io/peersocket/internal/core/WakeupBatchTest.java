package io.peersocket.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside a batch (poll()) wake-ups and hand-offs wait for its end; each event loop is
 * woken once.
 */
class WakeupBatchTest {

    /** Records what it is asked to run, and runs it. */
    static final class RecordingExecutor implements Executor {

        final List<Runnable> executed = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            this.executed.add(command);
            command.run();
        }

    }

    @Test
    void outsideABatchNothingIsDeferred() {
        RecordingExecutor loop = new RecordingExecutor();
        assertThat(WakeupBatch.deferWakeup(loop)).isFalse();
        assertThat(WakeupBatch.defer(loop, () -> {
        })).isFalse();
        assertThat(loop.executed).isEmpty();
    }

    @Test
    void eachDeferredLoopIsWokenOnceWhenTheBatchEnds() {
        RecordingExecutor first = new RecordingExecutor();
        RecordingExecutor second = new RecordingExecutor();
        int result = WakeupBatch.run(() -> {
            for (int i = 0; i < 100; i++) {
                assertThat(WakeupBatch.deferWakeup((i % 2 == 0) ? first : second)).isTrue();
            }
            assertThat(first.executed).as("no wake-up during the batch").isEmpty();
            assertThat(second.executed).isEmpty();
            return 42;
        });
        assertThat(result).isEqualTo(42);
        assertThat(first.executed).hasSize(1);
        assertThat(second.executed).hasSize(1);
    }

    @Test
    void deferredHandOffsRunAfterTheBatchInOrderAndANestedBatchIsPartOfTheOuterOne() {
        RecordingExecutor pool = new RecordingExecutor();
        List<String> ran = new ArrayList<>();
        WakeupBatch.run(() -> {
            WakeupBatch.defer(pool, () -> ran.add("a"));
            WakeupBatch.run(() -> {
                WakeupBatch.defer(pool, () -> ran.add("b"));
                return 0;
            });
            assertThat(ran).as("nothing handed over before the outer batch ends").isEmpty();
            WakeupBatch.defer(pool, () -> ran.add("c"));
            return 0;
        });
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(WakeupBatch.deferWakeup(pool)).as("the batch is over").isFalse();
    }

}
