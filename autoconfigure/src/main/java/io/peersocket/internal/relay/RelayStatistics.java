package io.peersocket.internal.relay;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.peersocket.multiplayer.RelayServer;
import io.peersocket.spi.PeerSocketObserver;

/**
 * A relay's counts: what {@link RelayServer}'s getters answer, and the one place that
 * reports the relay's events to the {@link PeerSocketObserver} (metrics), so the two
 * never disagree.
 */
final class RelayStatistics {

    private final String path;

    private final PeerSocketObserver observer;

    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    private final LongAdder relayed = new LongAdder();

    private final LongAdder delivered = new LongAdder();

    /**
     * @param path the relay's path, the metrics' tag
     * @param observer receives every count
     */
    RelayStatistics(String path, PeerSocketObserver observer) {
        this.path = path;
        this.observer = observer;
    }

    /**
     * A client payload passed the checks and is routed (once, whatever its number of
     * receivers).
     */
    void relayed() {
        this.relayed.increment();
    }

    /** A client payload is handed to the application (peer 1). */
    void delivered() {
        this.delivered.increment();
    }

    /**
     * @param kind {@code peer}, {@code broadcast}, {@code exclusion} or {@code server}
     * (from peer 1)
     * @param copies the frames sent
     */
    void copies(String kind, int copies) {
        this.observer.relayed(this.path, kind, copies);
    }

    /**
     * @param reason one of {@link RelayServer}'s {@code DROP_} constants
     */
    void dropped(String reason) {
        this.drops.computeIfAbsent(reason, (r) -> new LongAdder()).increment();
        this.observer.dropped(this.path, reason);
    }

    /**
     * A sender's input queue for the application is full: its connection stops reading.
     */
    void readingPaused() {
        this.observer.readingPaused(this.path);
    }

    /**
     * @param ex what the application's {@code RelayHook} threw
     */
    void hookFailed(RuntimeException ex) {
        this.observer.handlerError(this.path, ex);
    }

    long relayedCount() {
        return this.relayed.sum();
    }

    long deliveredCount() {
        return this.delivered.sum();
    }

    long droppedCount() {
        return this.drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long droppedCount(String reason) {
        LongAdder count = this.drops.get(reason);
        return (count != null) ? count.sum() : 0;
    }

    /**
     * @return the drops by reason, sorted by reason
     */
    Map<String, Long> droppedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

}
