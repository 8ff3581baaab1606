package io.peersocket.bench.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import io.peersocket.server.PeerSocketServer;

/**
 * The application's loop for poll dispatch, as a game's: either a fixed 60 Hz tick that
 * calls {@code poll()} once per tick and records what the tick cost, or (for the echo
 * scenarios) a loop that polls again at once while there is work and naps 20 µs when
 * there is none.
 */
final class PollLoop extends Thread {

    private static final long TICK = 1_000_000_000L / 60;

    private final PeerSocketServer server;

    private volatile boolean ticking;

    private long[] costs = new long[4096];

    private long[] cpuCosts = new long[4096];

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private int count;

    PollLoop(PeerSocketServer server) {
        super("game-loop");
        setDaemon(true);
        this.server = server;
    }

    void tick(boolean fixed) {
        this.ticking = fixed;
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        for (;;) {
            if (this.ticking) {
                long start = System.nanoTime();
                long cpuStart = this.threads.getCurrentThreadCpuTime();
                this.server.poll();
                long cpu = this.threads.getCurrentThreadCpuTime() - cpuStart;
                record(System.nanoTime() - start, cpu);
                next = Math.max(next + TICK, start);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            else if (this.server.poll() == 0) {
                LockSupport.parkNanos(20_000);
                next = System.nanoTime();
            }
        }
    }

    private synchronized void record(long nanos, long cpuNanos) {
        if (this.count == this.costs.length) {
            this.costs = Arrays.copyOf(this.costs, this.count * 2);
            this.cpuCosts = Arrays.copyOf(this.cpuCosts, this.count * 2);
        }
        this.cpuCosts[this.count] = cpuNanos;
        this.costs[this.count++] = nanos;
    }

    /**
     * @return "ticks p50 p99 max cpuP50 cpuP99 cpuMax" in nanoseconds since the last call
     * (wall time of each tick's poll(), then the CPU time the loop's thread spent in it),
     * and starts counting again
     */
    synchronized String stats() {
        int n = this.count;
        this.count = 0;
        if (n == 0) {
            return "0 0 0 0 0 0 0";
        }
        return n + " " + percentiles(Arrays.copyOf(this.costs, n)) + " " + percentiles(Arrays.copyOf(this.cpuCosts, n));
    }

    private static String percentiles(long[] values) {
        Arrays.sort(values);
        return values[(int) (values.length * 0.50)] + " "
                + values[Math.min(values.length - 1, (int) (values.length * 0.99))] + " " + values[values.length - 1];
    }

}
