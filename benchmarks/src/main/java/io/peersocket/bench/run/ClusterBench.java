package io.peersocket.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.peersocket.bench.load.WsClient;
import io.peersocket.bench.load.WsConn;
import io.peersocket.bench.load.WsListener;

/**
 * The cluster scenarios: nodes of the starter on one {@code redis-server} that this runner starts
 * on a free port, each node a server process of its own ({@link io.peersocket.bench.server.ClusterServer}).
 * They run after the other scenarios, with every other server stopped, and stop what they started.
 * <ul>
 * <li>{@code cluster-broadcast}: a group of N peers split over two nodes against one node holding
 * them all (a node alone in its cluster: the same code, no other node to send to)</li>
 * <li>{@code cluster-echo}: a peer of node A sends to a peer of node B, which sends it back, at a
 * steady rate: every packet checked, the round trip timed</li>
 * <li>{@code cluster-commands}: Redis commands per group send ({@code INFO commandstats} before
 * and after), for 2 and 3 nodes and two group sizes</li>
 * <li>{@code redis-benchmark}: {@code redis-benchmark}'s PUBLISH and XADD rates on the same Redis, the
 * ceiling of anything built on it</li>
 * </ul>
 */
final class ClusterBench {

    static final String BROADCAST = "cluster-broadcast";

    static final String ECHO = "cluster-echo";

    static final String COMMANDS = "cluster-commands";

    static final String REDIS_BENCHMARK = "cluster-redis-benchmark";

    static final List<String> SCENARIOS = List.of(BROADCAST, ECHO, COMMANDS, REDIS_BENCHMARK);

    /**
     * The cores of the nodes and Redis when the runner pins ({@code -Dbench.clusterCpus}, a taskset
     * list): the server core by default, as for every server; {@code 0,1} to let them spread.
     */
    private static final String CPUS = System.getProperty("bench.clusterCpus", "0");

    static final String ONE_NODE = "one node";

    static final String TWO_NODES = "two nodes";

    private final Path home;

    private final Settings settings;

    private final WsClient client;

    private final boolean pinned;

    private final List<String> notes;

    private final Map<String, List<Sample>> results;

    private final List<Target> nodes = new ArrayList<>();

    private RedisProcess redis;

    private int nextPort = 19400;

    ClusterBench(Path home, Settings settings, WsClient client, boolean pinned, List<String> notes,
            Map<String, List<Sample>> results) {
        this.home = home;
        this.settings = settings;
        this.client = client;
        this.pinned = pinned;
        this.notes = notes;
        this.results = results;
    }

    /**
     * @param required whether a missing {@code redis-server} is a failure rather than a skip
     * @return how many things failed outside the samples (Redis or a node that did not start)
     */
    int run(Path logs, boolean required) throws Exception {
        if (!RedisProcess.available()) {
            this.notes.add("cluster scenarios skipped: needs redis-server (apt-get install redis-server)");
            System.out.println("SKIPPED cluster scenarios: needs redis-server");
            return required ? 1 : 0;
        }
        this.redis = RedisProcess.start(Targets.freePort(19390), logs.resolve("redis.log"));
        int failures = 0;
        try {
            pin(this.redis.pid());
            Target single = node("cluster-single", "bench-single", logs);
            Target a = node("cluster-node-a", "bench", logs);
            Target b = node("cluster-node-b", "bench", logs);
            awaitNodes(a, 1);
            awaitNodes(b, 1);
            int peers = this.settings.clusterBroadcastPeers;
            for (int round = 1; round <= this.settings.rounds && BenchMain.selected(BROADCAST); round++) {
                int r = round;
                measure(BROADCAST, ONE_NODE, round, () -> broadcast(ONE_NODE, r, List.of(single), peers));
                measure(BROADCAST, TWO_NODES, round, () -> broadcast(TWO_NODES, r, List.of(a, b), peers));
            }
            single.stop();
            if (BenchMain.selected(ECHO) && !this.settings.smoke) {
                // Unrecorded: the nodes' JIT compiles the path first (a cold first round measured seconds).
                crossEcho(0, a, b);
            }
            for (int round = 1; round <= this.settings.rounds && BenchMain.selected(ECHO); round++) {
                int r = round;
                measure(ECHO, TWO_NODES, round, () -> crossEcho(r, a, b));
            }
            if (!BenchMain.selected(COMMANDS)) {
                return failures;
            }
            for (int members : this.settings.clusterMembers) {
                String name = "2 nodes, " + members + " members";
                measure(COMMANDS, name, 1, () -> commands(name, List.of(a, b), members));
            }
            Target c = node("cluster-node-c", "bench", logs);
            awaitNodes(a, 2);
            awaitNodes(b, 2);
            awaitNodes(c, 2);
            for (int members : this.settings.clusterMembers) {
                String name = "3 nodes, " + members + " members";
                measure(COMMANDS, name, 1, () -> commands(name, List.of(a, b, c), members));
            }
        }
        catch (Exception ex) {
            failures++;
            this.notes.add("cluster scenarios stopped: " + ex);
            System.out.println("cluster scenarios stopped: " + ex);
        }
        finally {
            this.nodes.forEach(Target::stop);
            try {
                if (BenchMain.selected(REDIS_BENCHMARK)) {
                    redisBenchmark();
                }
            }
            finally {
                this.redis.close();
            }
        }
        return failures;
    }

    private Target node(String name, String keyPrefix, Path logs) throws Exception {
        int port = Targets.freePort(this.nextPort);
        this.nextPort = port + 1;
        Target target = new Target(name, Target.Kind.JAVA, port, "reactive", true, false, Targets.javaServer(this.home,
                "cluster", Integer.toString(port), name, Integer.toString(this.redis.port), keyPrefix), Map.of());
        this.nodes.add(target);
        target.start(logs);
        target.awaitReady(120_000);
        if (this.pinned) {
            pin(target.pid());
        }
        return target;
    }

    private static void awaitNodes(Target node, int others) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Integer.parseInt(node.ask("nodes", "NODES")) < others) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.name + " does not see " + others + " other node(s)");
            }
            Thread.sleep(100);
        }
    }

    /** Waits until a node knows these peers (of another node: their arrival crosses Redis). */
    private static void awaitPeers(Target node, int[] ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int id : ids) {
            while (!Boolean.parseBoolean(node.ask("has " + id, "HAS"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(node.name + " does not know peer " + id + " of another node");
                }
                Thread.sleep(20);
            }
        }
    }

    private void measure(String scenario, String name, int round, Callable<Sample> body) {
        Sample sample;
        long start = System.nanoTime();
        try {
            sample = body.call();
            sample.put("seconds", (System.nanoTime() - start) / 1e9);
        }
        catch (Exception ex) {
            sample = new Sample(name, round);
            sample.problem("failed: " + ex);
        }
        this.client.dropLeftovers();
        this.results.computeIfAbsent(scenario, (k) -> new ArrayList<>()).add(sample);
        System.out.println(scenario + " " + sample);
    }

    private void pin(long pid) throws Exception {
        if (!this.pinned) {
            return;
        }
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", CPUS, Long.toString(pid))
            .redirectErrorStream(true).start();
        taskset.getInputStream().readAllBytes();
        taskset.waitFor();
    }

    /** CPU of the nodes and Redis together: the server side of a cluster scenario. */
    private long serverCpu(List<Target> targets) {
        long cpu = Target.cpuNanos(this.redis.pid());
        for (Target target : targets) {
            cpu += target.cpuNanos();
        }
        return cpu;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Peers split evenly over the nodes, numbered across them for the load's per-peer checks. */
    private List<WsClient.Conns> connect(List<Target> targets, String path, int peers, WsListener load) {
        List<WsClient.Conns> sets = new ArrayList<>();
        int offset = 0;
        for (int k = 0; k < targets.size(); k++) {
            int share = peers / targets.size() + ((k < peers % targets.size()) ? 1 : 0);
            int first = offset;
            WsListener numbered = new WsListener() {
                @Override
                public void onOpen(WsConn conn) {
                    conn.state = first + conn.index;
                    load.onOpen(conn);
                }

                @Override
                public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
                    load.onMessage(conn, text, buf, index, length);
                }
            };
            sets.add(this.client.openAll(Scenarios.uri(targets.get(k), path), "", share, numbered, 128,
                    Duration.ofSeconds(120)));
            offset += share;
        }
        return sets;
    }

    private static String opened(List<WsClient.Conns> sets, int expected) {
        int open = sets.stream().mapToInt((s) -> s.open().size()).sum();
        if (open == expected) {
            return null;
        }
        return open + " of " + expected + " peers connected: "
                + String.join("; ", sets.stream().map(WsClient.Conns::errorSummary).toList());
    }

    // ---- a. group broadcast, one node against two ----

    Sample broadcast(String name, int round, List<Target> targets, int peers) {
        Sample sample = new Sample(name, round);
        BroadcastLoad load = new BroadcastLoad(peers);
        List<WsClient.Conns> sets = connect(targets, "/cbcast", peers, load);
        try {
            String problem = opened(sets, peers);
            if (problem != null) {
                sample.problem(problem);
                return sample;
            }
            sleep(Duration.ofMillis(500)); // each node joins its last peers to the group after their upgrade
            WsConn trigger = sets.get(0).open().get(0);
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
            this.client.call(() -> {
                load.start(trigger, this.settings.broadcastWindow);
                return null;
            });
            sleep(this.settings.warmup.dividedBy(2));
            long before = this.client.call(() -> load.deliveries);
            long t0 = System.nanoTime();
            long cpu0 = serverCpu(targets);
            sleep(this.settings.measure);
            long after = this.client.call(() -> load.deliveries);
            long t1 = System.nanoTime();
            long cpu1 = serverCpu(targets);
            load.running = false;
            sample.put("rate", (after - before) / ((t1 - t0) / 1e9));
            sample.put("server_us", (after > before) ? (cpu1 - cpu0) / 1e3 / (after - before) : Double.NaN);
            if (!awaitIdle(load)) {
                sample.problem("a broadcast did not reach every peer");
            }
            long errors = this.client.call(() -> load.errors);
            sample.put("errors", errors);
            if (errors > 0) {
                sample.problem(errors + " bad deliveries: " + this.client.call(() -> load.firstError));
            }
            return sample;
        }
        finally {
            sets.forEach(WsClient.Conns::dropAll);
        }
    }

    private boolean awaitIdle(BroadcastLoad load) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (this.client.call(load::inFlight) > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
        return this.client.call(load::inFlight) == 0;
    }

    // ---- b. cross-node echo at a steady rate ----

    Sample crossEcho(int round, Target a, Target b) throws Exception {
        int pairs = this.settings.clusterEchoPairs;
        int rate = this.settings.clusterEchoRate;
        Sample sample = new Sample(TWO_NODES, round);
        CrossEchoLoad load = new CrossEchoLoad(pairs);
        WsClient.Conns senders = this.client.openAll(Scenarios.uri(a, "/xecho"), "", pairs, load.senderSide, 32,
                Duration.ofSeconds(30));
        WsClient.Conns echoers = this.client.openAll(Scenarios.uri(b, "/xecho"), "", pairs, load.echoerSide, 32,
                Duration.ofSeconds(30));
        ScheduledFuture<?> pacer = null;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!this.client.call(load::ready) && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(20));
            }
            if (!this.client.call(load::ready)) {
                sample.problem("peers never got their ids: " + senders.errorSummary() + " " + echoers.errorSummary());
                return sample;
            }
            // Node A must know the echoers (node B their senders) before the first packet.
            awaitPeers(a, this.client.call(() -> load.echoerIds.clone()));
            awaitPeers(b, this.client.call(() -> load.senderIds.clone()));
            long period = TimeUnit.SECONDS.toNanos(1) * pairs / rate;
            long[] due = new long[pairs];
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                due[i] = start + period * i / pairs;
            }
            boolean[] running = { true };
            pacer = this.client.loop().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (int i = 0; i < pairs; i++) {
                    while (running[0] && due[i] <= now) {
                        due[i] += period;
                        load.send(i);
                    }
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
            sleep(this.settings.warmup);
            long[] before = this.client.call(() -> {
                load.record = true;
                return new long[] { load.received };
            });
            long t0 = System.nanoTime();
            long cpu0 = serverCpu(List.of(a, b));
            sleep(this.settings.clusterEchoMeasure);
            long[] after = this.client.call(() -> {
                load.record = false;
                return new long[] { load.received };
            });
            long t1 = System.nanoTime();
            long cpu1 = serverCpu(List.of(a, b));
            this.client.call(() -> running[0] = false);
            pacer.cancel(false);
            long outstanding;
            long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            do {
                sleep(Duration.ofMillis(20));
                outstanding = this.client.call(() -> load.sent - load.received - load.errors);
            } while (outstanding > 0 && System.nanoTime() < wait);
            long count = after[0] - before[0];
            sample.put("rate", count / ((t1 - t0) / 1e9));
            sample.put("server_us", (count > 0) ? (cpu1 - cpu0) / 1e3 / count : Double.NaN);
            sample.put("server_cpu", (cpu1 - cpu0) / (double) (t1 - t0));
            long[] latencies = this.client.call(() -> Arrays.copyOf(load.latencies, load.latencyCount));
            Arrays.sort(latencies);
            if (latencies.length > 0) {
                sample.put("p50_ms", latencies[latencies.length / 2] / 1e6);
                sample.put("p99_ms", latencies[Math.min(latencies.length - 1, (int) (latencies.length * 0.99))] / 1e6);
                sample.put("max_ms", latencies[latencies.length - 1] / 1e6);
            }
            sample.put("sent", this.client.call(() -> load.sent));
            sample.put("lost", outstanding);
            long errors = this.client.call(() -> load.errors);
            sample.put("errors", errors);
            if (errors > 0) {
                sample.problem(errors + " bad packets: " + this.client.call(() -> load.firstError));
            }
            if (outstanding > 0) {
                sample.problem(outstanding + " packets never came back");
            }
            return sample;
        }
        finally {
            if (pacer != null) {
                pacer.cancel(false);
            }
            senders.dropAll();
            echoers.dropAll();
        }
    }

    // ---- c. Redis commands per group send ----

    Sample commands(String name, List<Target> targets, int members) throws Exception {
        Sample sample = new Sample(name, 1);
        BroadcastLoad load = new BroadcastLoad(members);
        List<WsClient.Conns> sets = connect(targets, "/cbcast", members, load);
        try {
            String problem = opened(sets, members);
            if (problem != null) {
                sample.problem(problem);
                return sample;
            }
            sleep(Duration.ofMillis(500));
            int sends = this.settings.clusterCommandSends;
            WsConn trigger = sets.get(0).open().get(0);
            Map<String, Long> before = this.redis.commandCalls();
            // One at a time: each send completes before the next, so none shares a Redis command with another.
            this.client.call(() -> {
                load.start(trigger, 1);
                return null;
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (this.client.call(() -> load.completed) < sends && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(2));
            }
            load.running = false;
            if (!awaitIdle(load)) {
                sample.problem("a group send did not reach every member");
            }
            long done = this.client.call(() -> load.completed);
            Map<String, Long> after = this.redis.commandCalls();
            long all = 0;
            for (Map.Entry<String, Long> entry : after.entrySet()) {
                all += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            }
            long xadds = after.getOrDefault("xadd", 0L) - before.getOrDefault("xadd", 0L);
            sample.put("nodes", targets.size());
            sample.put("members", members);
            sample.put("sends", done);
            sample.put("xadd_per_send", xadds / (double) done);
            sample.put("commands_per_send", all / (double) done);
            long errors = this.client.call(() -> load.errors);
            if (errors > 0) {
                sample.problem(errors + " bad deliveries: " + this.client.call(() -> load.firstError));
            }
            return sample;
        }
        finally {
            sets.forEach(WsClient.Conns::dropAll);
        }
    }

    // ---- d. redis-benchmark on the same Redis: the ceiling ----

    private void redisBenchmark() throws Exception {
        if (!Targets.onPath("redis-benchmark")) {
            this.notes.add("redis-benchmark skipped: not on the PATH");
            return;
        }
        String payload = "x".repeat(64);
        String[][] commands = {
            { "PUBLISH", "bench:channel", payload },
            { "XADD", "bench:stream", "MAXLEN", "~", "100000", "*", "m", payload },
        };
        for (String[] command : commands) {
            for (int pipeline : new int[] { 1, 16 }) {
                String name = command[0] + ", pipeline " + pipeline;
                int requests = this.settings.smoke ? 2000 : (pipeline == 1 ? 200_000 : 1_000_000);
                measure(REDIS_BENCHMARK, name, 1, () -> redisBenchmark(name, command, pipeline, requests));
            }
        }
    }

    private Sample redisBenchmark(String name, String[] command, int pipeline, int requests) throws IOException,
            InterruptedException {
        Sample sample = new Sample(name, 1);
        List<String> line = new ArrayList<>();
        if (this.pinned) {
            // The load generator's core, as for every other scenario.
            line.addAll(List.of("taskset", "-c", "1"));
        }
        line.addAll(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(this.redis.port), "-c", "50",
                "-n", Integer.toString(requests), "-P", Integer.toString(pipeline), "--csv"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            sample.problem("redis-benchmark failed: " + out.trim());
            return sample;
        }
        // "test","rps","avg_latency_ms",... then one line of figures
        for (String row : out.split("\n")) {
            String[] cells = row.replace("\"", "").split(",");
            if (cells.length > 2 && !cells[0].equals("test")) {
                try {
                    sample.put("rate", Double.parseDouble(cells[1]));
                    sample.put("avg_ms", Double.parseDouble(cells[2]));
                }
                catch (NumberFormatException ex) {
                    // a progress line
                }
            }
        }
        if (Double.isNaN(sample.get("rate"))) {
            sample.problem("no figures in redis-benchmark's output: " + out.trim());
        }
        return sample;
    }

}
