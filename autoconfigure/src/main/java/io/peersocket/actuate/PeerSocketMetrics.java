package io.peersocket.actuate;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;

/**
 * Micrometer meters for a server's (or a client's) peers, fed by the core through
 * {@link PeerSocketObserver}. Every meter is tagged with the endpoint path and the role
 * ({@code server} or {@code client}), never with a peer id. The meters of an endpoint are
 * made once and looked up by path (one hash lookup per message); they live in a composite
 * registry of this binder's own, to which {@link #bindTo(MeterRegistry)} adds the
 * application's registries, so binding to several registries (or none yet) costs nothing
 * per message. See {@code docs/operations.md} for the list.
 */
public class PeerSocketMetrics implements PeerSocketObserver, MeterBinder {

    /** Open peers (gauge). */
    public static final String PEERS_OPEN = "peersocket.peers.open";

    /** Completed upgrades (counter). */
    public static final String CONNECTIONS_OPENED = "peersocket.connections.opened";

    /** Ended connections, tagged {@code code} and {@code clean} (counter). */
    public static final String CONNECTIONS_CLOSED = "peersocket.connections.closed";

    /** Refused upgrades, tagged {@code reason} (counter). */
    public static final String HANDSHAKES_REFUSED = "peersocket.handshakes.refused";

    /** Whole messages received, tagged {@code mode} (counter). */
    public static final String PACKETS_IN = "peersocket.packets.in";

    /** Whole messages handed to the socket, tagged {@code mode} (counter). */
    public static final String PACKETS_OUT = "peersocket.packets.out";

    /** Payload bytes received, tagged {@code mode} (counter). */
    public static final String BYTES_IN = "peersocket.bytes.in";

    /** Payload bytes handed to the socket, tagged {@code mode} (counter). */
    public static final String BYTES_OUT = "peersocket.bytes.out";

    /** Packets refused by a full output limit, tagged {@code reason} (counter). */
    public static final String DROPS = "peersocket.drops";

    /** Payloads a multiplayer relay routed, tagged {@code route} (counter). */
    public static final String RELAY_PACKETS = "peersocket.relay.packets";

    /** Copies of those payloads sent to clients, tagged {@code route} (counter). */
    public static final String RELAY_COPIES = "peersocket.relay.copies";

    /** Times reading paused on a full input queue (counter). */
    public static final String READING_PAUSED = "peersocket.reading.paused";

    /** Handler methods that threw, tagged {@code exception} (counter). */
    public static final String HANDLER_ERRORS = "peersocket.handler.errors";

    /** Time spent in handler methods (timer). */
    public static final String HANDLER_TIME = "peersocket.handler.time";

    /**
     * Peers dropped because they had not closed when the shutdown timeout ran out
     * (counter).
     */
    public static final String SHUTDOWN_DROPPED = "peersocket.shutdown.dropped";

    /**
     * Peers dropped because no frame came from them within the idle timeout (counter).
     */
    public static final String IDLE_TIMEOUTS = "peersocket.idle.timeouts";

    private final String role;

    private final Supplier<? extends Collection<String>> knownPaths;

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();

    /**
     * @param role the {@code role} tag: {@code server} or {@code client}
     * @param knownPaths the endpoints to register meters for when bound, so that they
     * read 0 before the first connection (others are added when first seen)
     */
    public PeerSocketMetrics(String role, Supplier<? extends Collection<String>> knownPaths) {
        this.role = role;
        this.knownPaths = knownPaths;
    }

    /**
     * @param role the {@code role} tag: {@code server} or {@code client}
     */
    public PeerSocketMetrics(String role) {
        this(role, List::of);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry.add(registry);
        for (String path : this.knownPaths.get()) {
            meters(path);
        }
    }

    private EndpointMeters meters(String path) {
        EndpointMeters meters = this.endpoints.get(path);
        return (meters != null) ? meters : this.endpoints.computeIfAbsent(path, this::newMeters);
    }

    private EndpointMeters newMeters(String path) {
        return new EndpointMeters(this.registry, Tags.of("endpoint", path, "role", this.role));
    }

    // ---- PeerSocketObserver ----

    @Override
    public void opened(String path) {
        EndpointMeters meters = meters(path);
        meters.open.incrementAndGet();
        meters.opened.increment();
    }

    @Override
    public void closed(String path, CloseInfo close) {
        EndpointMeters meters = meters(path);
        meters.open.decrementAndGet();
        meters.closed(close.code(), close.clean()).increment();
    }

    @Override
    public void handshakeRefused(String path, String reason) {
        meters(path).refused(reason).increment();
    }

    @Override
    public void received(String path, int bytes, boolean text) {
        EndpointMeters meters = meters(path);
        if (text) {
            meters.textPacketsIn.increment();
            meters.textBytesIn.increment(bytes);
        }
        else {
            meters.binaryPacketsIn.increment();
            meters.binaryBytesIn.increment(bytes);
        }
    }

    @Override
    public void sent(String path, int bytes, boolean text) {
        EndpointMeters meters = meters(path);
        if (text) {
            meters.textPacketsOut.increment();
            meters.textBytesOut.increment(bytes);
        }
        else {
            meters.binaryPacketsOut.increment();
            meters.binaryBytesOut.increment(bytes);
        }
    }

    @Override
    public void dropped(String path, String reason) {
        meters(path).dropped(reason).increment();
    }

    @Override
    public void relayed(String path, String route, int copies) {
        Counter[] counters = meters(path).relayed(route);
        counters[0].increment();
        counters[1].increment(copies);
    }

    @Override
    public void readingPaused(String path) {
        meters(path).readingPaused.increment();
    }

    @Override
    public void handlerError(String path, Throwable error) {
        meters(path).handlerError(error.getClass()).increment();
    }

    @Override
    public boolean timesHandlers() {
        return true;
    }

    @Override
    public void handled(String path, long nanos) {
        meters(path).handlerTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void droppedOnShutdown(String path) {
        meters(path).shutdownDropped.increment();
    }

    @Override
    public void idleTimedOut(String path) {
        meters(path).idleTimeouts.increment();
    }

    /**
     * The {@code code} tag of a close: the code itself for the protocol's codes
     * (1000-1015, few), its range for the application's ({@code 3xxx}, {@code 4xxx}),
     * else {@code other}.
     * @param code a close code
     * @return the tag value
     */
    public static String codeTag(int code) {
        if (code >= 1000 && code <= 1015) {
            return Integer.toString(code);
        }
        if (code >= 3000 && code <= 3999) {
            return "3xxx";
        }
        if (code >= 4000 && code <= 4999) {
            return "4xxx";
        }
        return "other";
    }

    /**
     * One endpoint's meters; the rarer ones (by code, reason, exception) are made on
     * first use.
     */
    private static final class EndpointMeters {

        private final MeterRegistry registry;

        private final Tags tags;

        final AtomicInteger open = new AtomicInteger();

        final Counter opened;

        final Counter textPacketsIn;

        final Counter binaryPacketsIn;

        final Counter textBytesIn;

        final Counter binaryBytesIn;

        final Counter textPacketsOut;

        final Counter binaryPacketsOut;

        final Counter textBytesOut;

        final Counter binaryBytesOut;

        final Counter readingPaused;

        final Counter shutdownDropped;

        final Counter idleTimeouts;

        final Timer handlerTime;

        private final Map<Integer, Counter> closed = new ConcurrentHashMap<>();

        private final Map<String, Counter> refused = new ConcurrentHashMap<>();

        private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

        private final Map<Class<?>, Counter> handlerErrors = new ConcurrentHashMap<>();

        // route -> {packets, copies}; four routes at most
        private final Map<String, Counter[]> relayed = new ConcurrentHashMap<>();

        EndpointMeters(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
            Gauge.builder(PEERS_OPEN, this.open, AtomicInteger::get)
                .tags(tags)
                .description("Peers connected now")
                .strongReference(true)
                .register(registry);
            this.opened = counter(CONNECTIONS_OPENED, "Connections that completed the WebSocket upgrade", tags);
            this.textPacketsIn = counter(PACKETS_IN, "Whole messages received", tags.and("mode", "text"));
            this.binaryPacketsIn = counter(PACKETS_IN, "Whole messages received", tags.and("mode", "binary"));
            this.textBytesIn = counter(BYTES_IN, "Payload bytes received", tags.and("mode", "text"));
            this.binaryBytesIn = counter(BYTES_IN, "Payload bytes received", tags.and("mode", "binary"));
            this.textPacketsOut = counter(PACKETS_OUT, "Whole messages handed to the socket", tags.and("mode", "text"));
            this.binaryPacketsOut = counter(PACKETS_OUT, "Whole messages handed to the socket",
                    tags.and("mode", "binary"));
            this.textBytesOut = counter(BYTES_OUT, "Payload bytes handed to the socket", tags.and("mode", "text"));
            this.binaryBytesOut = counter(BYTES_OUT, "Payload bytes handed to the socket", tags.and("mode", "binary"));
            this.readingPaused = counter(READING_PAUSED,
                    "Times reading from a peer's socket paused (full input queue, or socket not taking a pong)", tags);
            this.shutdownDropped = counter(SHUTDOWN_DROPPED,
                    "Peers dropped without a close handshake when the shutdown timeout ran out", tags);
            this.idleTimeouts = counter(IDLE_TIMEOUTS,
                    "Peers dropped because no frame came from them within the idle timeout", tags);
            this.handlerTime = Timer.builder(HANDLER_TIME)
                .tags(tags)
                .description("Time spent in handler methods (one signal each)")
                .register(registry);
        }

        private Counter counter(String name, String description, Tags tags) {
            return Counter.builder(name).tags(tags).description(description).register(this.registry);
        }

        Counter closed(int code, boolean clean) {
            // Codes that share a tag share a key, so the map stays as small as the tag's
            // values.
            int bucket = (code >= 1000 && code <= 1015) ? code : (code >= 3000 && code <= 4999) ? code / 1000 : 0;
            int key = (bucket << 1) | (clean ? 1 : 0);
            Counter counter = this.closed.get(key);
            return (counter != null) ? counter : this.closed.computeIfAbsent(key, (k) -> counter(CONNECTIONS_CLOSED,
                    "Connections that ended", this.tags.and("code", codeTag(code), "clean", Boolean.toString(clean))));
        }

        Counter refused(String reason) {
            return this.refused.computeIfAbsent(reason, (r) -> counter(HANDSHAKES_REFUSED,
                    "WebSocket upgrades refused with an HTTP error", this.tags.and("reason", r)));
        }

        Counter dropped(String reason) {
            Counter counter = this.dropped.get(reason);
            return (counter != null) ? counter : this.dropped.computeIfAbsent(reason, (r) -> counter(DROPS,
                    "Packets not sent because the peer's output limit was full", this.tags.and("reason", r)));
        }

        Counter[] relayed(String route) {
            Counter[] counters = this.relayed.get(route);
            return (counters != null) ? counters : this.relayed.computeIfAbsent(route, (r) -> new Counter[] {
                    counter(RELAY_PACKETS, "Payloads a multiplayer relay routed", this.tags.and("route", r)),
                    counter(RELAY_COPIES, "Copies of relayed payloads sent to clients", this.tags.and("route", r)) });
        }

        Counter handlerError(Class<?> type) {
            return this.handlerErrors.computeIfAbsent(type, (t) -> counter(HANDLER_ERRORS, "Handler methods that threw",
                    this.tags.and("exception", t.getSimpleName().isEmpty() ? t.getName() : t.getSimpleName())));
        }

    }

}
