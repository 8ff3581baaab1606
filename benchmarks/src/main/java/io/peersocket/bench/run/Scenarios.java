package io.peersocket.bench.run;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.peersocket.bench.load.WsClient;
import io.peersocket.bench.load.WsConn;

/** The scenarios: each measures one server once and returns a {@link Sample}. */
final class Scenarios {

    private final WsClient client;

    private final Settings settings;

    Scenarios(WsClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    static URI uri(Target target, String path) {
        return URI.create("ws://127.0.0.1:" + target.port + path);
    }

    /**
     * Handshakes in flight while connecting. Godot's server polls about 145 times a
     * second (its headless main loop sleeps 6.9 ms per frame) and resets connections
     * beyond a short accept queue, so it is given fewer at a time.
     */
    static int parallel(Target target, int usual) {
        return (target.kind == Target.Kind.GODOT) ? Math.min(usual, 16) : usual;
    }

    /** Time, the load generator's CPU and the server's CPU at one instant. */
    record Meter(long nanos, long clientCpu, long serverCpu, long serverSwitches) {

        static Meter now(Target target) {
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
            return new Meter(System.nanoTime(), os.getProcessCpuTime(), target.cpuNanos(), target.voluntarySwitches());
        }

    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void rate(Sample sample, Meter a, Meter b, double count, String prefix) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        sample.put(prefix + "rate", count / seconds);
        sample.put("client_us", (count > 0) ? (b.clientCpu() - a.clientCpu()) / 1e3 / count : Double.NaN);
        sample.put("server_us", (count > 0) ? (b.serverCpu() - a.serverCpu()) / 1e3 / count : Double.NaN);
        sample.put("server_switches", (count > 0) ? (b.serverSwitches() - a.serverSwitches()) / count : Double.NaN);
        sample.put("client_cpu", (b.clientCpu() - a.clientCpu()) / (double) (b.nanos() - a.nanos()));
        sample.put("server_cpu", (b.serverCpu() - a.serverCpu()) / (double) (b.nanos() - a.nanos()));
    }

    // ---- echo ----

    Sample echo(Target target, int round, int connections, int inFlight, int size, boolean text) {
        Sample sample = new Sample(target.name, round);
        EchoLoad load = new EchoLoad(inFlight, size, text);
        WsClient.Conns conns = this.client.openAll(uri(target, "/echo"), "", connections, load, parallel(target, 128),
                Duration.ofSeconds(60));
        List<WsConn> open = conns.open();
        if (open.size() < connections) {
            sample.problem(open.size() + " of " + connections + " connections opened: " + conns.errorSummary());
        }
        this.client.call(() -> {
            load.start(open);
            return null;
        });
        sleep(this.settings.warmup);
        long[] before = this.client.call(() -> new long[] { load.received });
        Meter a = Meter.now(target);
        sleep(this.settings.measure);
        long[] after = this.client.call(() -> new long[] { load.received });
        Meter b = Meter.now(target);
        load.running = false;
        rate(sample, a, b, after[0] - before[0], "");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long outstanding;
        do {
            sleep(Duration.ofMillis(20));
            outstanding = this.client.call(() -> load.sent - load.received);
        }
        while (outstanding > 0 && System.nanoTime() < deadline && conns.disconnected.get() == 0);
        sample.put("lost", outstanding);
        long errors = this.client.call(() -> load.errors);
        sample.put("errors", errors);
        if (errors > 0) {
            sample.problem(errors + " bad echoes: " + this.client.call(() -> load.firstError));
        }
        if (outstanding > 0) {
            sample.problem(outstanding + " echoes never came back");
        }
        conns.closeAll(1000, Duration.ofSeconds(10));
        return sample;
    }

    // ---- broadcast ----

    Sample broadcast(Target target, int round, int peers) {
        Sample sample = new Sample(target.name, round);
        BroadcastLoad load = new BroadcastLoad(peers);
        WsClient.Conns conns = this.client.openAll(uri(target, "/bcast"), "", peers, load, parallel(target, 128),
                Duration.ofSeconds(120));
        List<WsConn> open = conns.open();
        if (open.size() < peers) {
            sample.problem(open.size() + " of " + peers + " peers connected: " + conns.errorSummary());
            conns.dropAll();
            return sample;
        }
        sleep(Duration.ofMillis(300)); // the server registers the last peers after their
                                       // upgrade
        WsConn trigger = open.get(0);
        // fan-out time: one broadcast at a time
        this.client.call(() -> {
            load.start(trigger, 1);
            return null;
        });
        long deadline = System.nanoTime() + this.settings.measure.toNanos() + Duration.ofSeconds(10).toNanos();
        while (this.client.call(() -> load.fanoutCount) < this.settings.broadcasts && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(5));
        }
        load.running = false;
        if (!awaitIdle(load)) {
            sample.problem("a broadcast did not reach every peer");
        }
        long[] times = this.client.call(() -> Arrays.copyOf(load.fanout, load.fanoutCount));
        Arrays.sort(times);
        if (times.length > 0) {
            sample.put("fanout_ms", times[times.length / 2] / 1e6);
            sample.put("fanout_p99_ms", times[Math.min(times.length - 1, (int) (times.length * 0.99))] / 1e6);
        }
        // sustained: a window of broadcasts outstanding
        this.client.call(() -> {
            load.start(trigger, this.settings.broadcastWindow);
            return null;
        });
        sleep(this.settings.warmup.dividedBy(2));
        long before = this.client.call(() -> load.deliveries);
        Meter a = Meter.now(target);
        sleep(this.settings.measure);
        long after = this.client.call(() -> load.deliveries);
        Meter b = Meter.now(target);
        load.running = false;
        rate(sample, a, b, after - before, "");
        if (!awaitIdle(load)) {
            sample.problem("a broadcast did not reach every peer");
        }
        long errors = this.client.call(() -> load.errors);
        if (errors > 0) {
            sample.problem(errors + " bad deliveries: " + this.client.call(() -> load.firstError));
        }
        sample.put("errors", errors);
        conns.dropAll();
        return sample;
    }

    private boolean awaitIdle(BroadcastLoad load) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (this.client.call(load::inFlight) > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
        return this.client.call(load::inFlight) == 0;
    }

    // ---- relay ----

    Sample relay(Target target, int round, String path) {
        int peers = this.settings.relayPeers;
        Sample sample = new Sample(target.name, round);
        RelayLoad load = new RelayLoad(peers, this.settings.relayWindow);
        WsClient.Conns conns = this.client.openAll(uri(target, path), "", peers, load, parallel(target, 32),
                Duration.ofSeconds(60));
        load.conns = conns.conns;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!this.client.call(load::ready) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        if (!this.client.call(load::ready)) {
            sample.problem("relay peers never all saw their id and each other: " + conns.errorSummary());
            conns.dropAll();
            return sample;
        }
        List<WsConn> open = conns.open();
        // paced: every client at relayHz, latency of each delivered copy
        long period = 1_000_000_000L / this.settings.relayHz;
        long[] due = new long[peers];
        long start = System.nanoTime();
        for (int i = 0; i < peers; i++) {
            due[i] = start + period * i / peers;
        }
        load.running = true;
        load.recordLatency = true;
        ScheduledFuture<?> pacer = this.client.loop().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (WsConn conn : open) {
                if (load.running && due[conn.index] <= now) {
                    due[conn.index] += period;
                    load.send(conn);
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        sleep(this.settings.measure.plus(this.settings.warmup));
        load.running = false;
        pacer.cancel(false);
        sleep(Duration.ofMillis(1000));
        long[] paced = this.client.call(() -> new long[] { load.sent, load.delivered });
        long[] latencies = this.client.call(() -> Arrays.copyOf(load.latencies, load.latencyCount));
        Arrays.sort(latencies);
        sample.put("paced_sent", paced[0]);
        sample.put("paced_delivered_pct", 100.0 * paced[1] / Math.max(1, paced[0] * (peers - 1)));
        if (latencies.length > 0) {
            sample.put("latency_p50_ms", latencies[latencies.length / 2] / 1e6);
            sample.put("latency_p99_ms",
                    latencies[Math.min(latencies.length - 1, (int) (latencies.length * 0.99))] / 1e6);
        }
        // saturation: a window of broadcasts per client, relayed copies per second
        this.client.call(() -> {
            load.recordLatency = false;
            load.saturate = true;
            load.running = true;
            for (WsConn conn : open) {
                for (int i = 0; i < load.window; i++) {
                    load.send(conn);
                }
            }
            return null;
        });
        ScheduledFuture<?> reaper = this.client.loop()
            .scheduleAtFixedRate(() -> load.reapStale(open, 2_000_000_000L), 500, 500, TimeUnit.MILLISECONDS);
        sleep(this.settings.warmup);
        long before = this.client.call(() -> load.delivered);
        Meter a = Meter.now(target);
        sleep(this.settings.measure);
        long after = this.client.call(() -> load.delivered);
        Meter b = Meter.now(target);
        load.running = false;
        rate(sample, a, b, after - before, "");
        sleep(Duration.ofMillis(500));
        reaper.cancel(false);
        long[] end = this.client.call(() -> new long[] { load.errors, load.lost });
        sample.put("errors", end[0]);
        sample.put("lost", end[1]);
        if (end[0] > 0) {
            sample.problem(end[0] + " bad relayed packets: " + this.client.call(() -> load.firstError));
        }
        if (paced[1] < paced[0] * (peers - 1)) {
            sample.problem((paced[0] * (peers - 1) - paced[1]) + " copies of paced packets were not delivered");
        }
        conns.dropAll();
        return sample;
    }

    // ---- remote calls (MultiplayerAPI) ----

    /**
     * Godot clients calling the server's node: each keeps {@code rpcWindow}
     * {@code rpc_id(1, "ping", seq)} outstanding and the server answers each with
     * {@code rpc_id(sender, "pong", seq)}; answered calls per second, their round trip,
     * and every answer checked in order.
     */
    Sample rpc(Target target, int round, String path) {
        int peers = this.settings.rpcPeers;
        Sample sample = new Sample(target.name, round);
        RpcLoad load = new RpcLoad(peers, this.settings.rpcWindow);
        WsClient.Conns conns = this.client.openAll(uri(target, path), "", peers, load, parallel(target, 32),
                Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!this.client.call(load::ready) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        if (!this.client.call(load::ready)) {
            sample.problem("clients never all had their node path confirmed: " + conns.errorSummary() + "; "
                    + this.client.call(() -> load.firstError));
            conns.dropAll();
            return sample;
        }
        List<WsConn> open = conns.open();
        this.client.call(() -> {
            load.start(open);
            return null;
        });
        sleep(this.settings.warmup);
        long before = this.client.call(() -> {
            load.recordLatency = true;
            return load.answered;
        });
        Meter a = Meter.now(target);
        sleep(this.settings.measure);
        long after = this.client.call(() -> load.answered);
        Meter b = Meter.now(target);
        load.running = false;
        rate(sample, a, b, after - before, "");
        long[] latencies = this.client.call(() -> {
            load.recordLatency = false;
            return Arrays.copyOf(load.latencies, load.latencyCount);
        });
        Arrays.sort(latencies);
        if (latencies.length > 0) {
            sample.put("latency_p50_ms", latencies[latencies.length / 2] / 1e6);
            sample.put("latency_p99_ms",
                    latencies[Math.min(latencies.length - 1, (int) (latencies.length * 0.99))] / 1e6);
        }
        long drain = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long outstanding;
        do {
            sleep(Duration.ofMillis(20));
            outstanding = this.client.call(load::outstanding);
        }
        while (outstanding > 0 && System.nanoTime() < drain && conns.disconnected.get() == 0);
        sample.put("lost", outstanding);
        long errors = this.client.call(() -> load.errors);
        sample.put("errors", errors);
        if (errors > 0) {
            sample.problem(errors + " bad answers: " + this.client.call(() -> load.firstError));
        }
        if (outstanding > 0) {
            sample.problem(outstanding + " calls never answered");
        }
        conns.dropAll();
        return sample;
    }

    // ---- game loop (poll mode) ----

    Sample gameLoop(Target target, int round) throws Exception {
        int peers = this.settings.gamePeers;
        Sample sample = new Sample(target.name, round);
        target.tell("tick60");
        EchoLoad load = new EchoLoad(0, 64, true);
        WsClient.Conns conns = this.client.openAll(uri(target, "/echo"), "", peers, load, parallel(target, 128),
                Duration.ofSeconds(60));
        List<WsConn> open = conns.open();
        if (open.size() < peers) {
            sample.problem(open.size() + " of " + peers + " connections opened: " + conns.errorSummary());
        }
        long period = 1_000_000_000L / this.settings.gameRate;
        long[] due = new long[peers];
        long start = System.nanoTime();
        for (int i = 0; i < peers; i++) {
            due[i] = start + period * i / peers;
        }
        load.running = true;
        ScheduledFuture<?> pacer = this.client.loop().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (WsConn conn : open) {
                if (load.running && due[conn.index] <= now) {
                    due[conn.index] += period;
                    load.sendOne(conn);
                    conn.flush();
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        sleep(this.settings.warmup);
        target.ask("ticks", "TICKS");
        long before = this.client.call(() -> load.received);
        Meter a = Meter.now(target);
        sleep(this.settings.gameMeasure);
        String[] ticks = target.ask("ticks", "TICKS").split(" ");
        long after = this.client.call(() -> load.received);
        Meter b = Meter.now(target);
        load.running = false;
        pacer.cancel(false);
        rate(sample, a, b, after - before, "");
        sample.put("ticks", Double.parseDouble(ticks[0]));
        sample.put("tick_p50_ms", Double.parseDouble(ticks[1]) / 1e6);
        sample.put("tick_p99_ms", Double.parseDouble(ticks[2]) / 1e6);
        sample.put("tick_max_ms", Double.parseDouble(ticks[3]) / 1e6);
        sample.put("tick_cpu_p50_ms", Double.parseDouble(ticks[4]) / 1e6);
        sample.put("tick_cpu_p99_ms", Double.parseDouble(ticks[5]) / 1e6);
        sample.put("tick_cpu_max_ms", Double.parseDouble(ticks[6]) / 1e6);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long outstanding;
        do {
            sleep(Duration.ofMillis(20));
            outstanding = this.client.call(() -> load.sent - load.received);
        }
        while (outstanding > 0 && System.nanoTime() < deadline);
        sample.put("sent", this.client.call(() -> load.sent));
        sample.put("lost", outstanding);
        long errors = this.client.call(() -> load.errors);
        sample.put("errors", errors);
        if (errors > 0) {
            sample.problem(errors + " bad echoes: " + this.client.call(() -> load.firstError));
        }
        if (outstanding > 0) {
            sample.problem(outstanding + " packets never came back");
        }
        conns.closeAll(1000, Duration.ofSeconds(10));
        target.tell("spin");
        return sample;
    }

    // ---- churn ----

    Sample churn(Target target, int round) {
        Sample sample = new Sample(target.name, round);
        ChurnLoad load = new ChurnLoad(this.client, uri(target, "/echo"));
        this.client.call(() -> {
            load.start(this.settings.churnConcurrency);
            return null;
        });
        sleep(this.settings.warmup);
        long[] before = this.client.call(() -> new long[] { load.cycles });
        Meter a = Meter.now(target);
        sleep(this.settings.measure);
        long[] after = this.client.call(() -> new long[] { load.cycles });
        Meter b = Meter.now(target);
        load.running = false;
        rate(sample, a, b, after[0] - before[0], "");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (this.client.call(() -> load.active) > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        long failures = this.client.call(() -> load.failures);
        sample.put("failures", failures);
        if (failures > 0) {
            sample.problem(failures + " cycles failed: " + this.client.call(() -> load.firstError));
        }
        return sample;
    }

    // ---- idle capacity ----

    /**
     * Idle peers: how many the server holds. The servlet stacks are capped by heap, not
     * files: Tomcat keeps two message buffers of the 64 KiB limit per session (about 240
     * KiB of heap), so 19000 peers would need 4.5 GiB; Godot accepts ever slower as peers
     * grow (its poll is O(peers) per 7 ms frame).
     */
    static int idlePeers(Target target, int limit) {
        if (target.family.equals("servlet")) {
            return Math.min(limit, 6000);
        }
        if (target.kind == Target.Kind.GODOT) {
            return Math.min(limit, 8000);
        }
        return limit;
    }

    Sample idle(Target target, int limit) throws Exception {
        int peers = idlePeers(target, limit);
        Sample sample = new Sample(target.name, 1);
        long heap0 = target.heapAfterGc();
        long rss0 = target.rssBytes();
        EchoLoad load = new EchoLoad(0, 64, true);
        long start = System.nanoTime();
        WsClient.Conns conns = this.client.openAll(uri(target, "/echo"), "", peers, load, parallel(target, 256),
                Duration.ofSeconds(90));
        try {
            double seconds = (System.nanoTime() - start) / 1e9;
            int opened = conns.opened.get();
            sleep(this.settings.warmup.multipliedBy(2));
            long heap1 = target.heapAfterGc();
            long rss1 = target.rssBytes();
            int stillOpen = (int) conns.open().stream().filter(WsConn::isOpen).count();
            sample.put("peers", stillOpen);
            sample.put("connect_rate", opened / seconds);
            if (heap0 >= 0) {
                sample.put("heap_base_mib", heap0 / 1048576.0);
                sample.put("heap_per_peer_kib", (heap1 - heap0) / 1024.0 / Math.max(1, stillOpen));
            }
            sample.put("rss_base_mib", rss0 / 1048576.0);
            sample.put("rss_per_peer_kib", (rss1 - rss0) / 1024.0 / Math.max(1, stillOpen));
            if (stillOpen < peers) {
                sample.problem(stillOpen + " of " + peers + " peers connected and stayed: " + conns.errorSummary());
            }
        }
        finally {
            conns.dropAll();
        }
        return sample;
    }

    static <T> List<T> list(T[] array) {
        return new ArrayList<>(Arrays.asList(array));
    }

}
