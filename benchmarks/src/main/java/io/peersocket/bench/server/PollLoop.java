package io.peersocket.bench.server;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import io.peersocket.server.PeerSocketServer;

/**
 * The application's loop for poll dispatch, as a game's: either a fixed 60 Hz tick that calls
 * {@code poll()} once per tick and records what the tick cost, or (for the echo scenarios) a
 * loop that polls again at once while there is work and naps 20 µs when there is none.
 */
final class PollLoop extends Thread {

    private static final long TICK = 1_000_000_000L / 60;

    private final PeerSocketServer server;

    private volatile boolean ticking;

    private long[] costs = new long[4096];

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
                this.server.poll();
                record(System.nanoTime() - start);
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

    private synchronized void record(long nanos) {
        if (this.count == this.costs.length) {
            this.costs = Arrays.copyOf(this.costs, this.count * 2);
        }
        this.costs[this.count++] = nanos;
    }

    /** @return "ticks p50 p99 max" in nanoseconds since the last call, and starts counting again */
    synchronized String stats() {
        long[] sorted = Arrays.copyOf(this.costs, this.count);
        this.count = 0;
        if (sorted.length == 0) {
            return "0 0 0 0";
        }
        Arrays.sort(sorted);
        return sorted.length + " " + sorted[(int) (sorted.length * 0.50)] + " "
                + sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] + " " + sorted[sorted.length - 1];
    }

}
