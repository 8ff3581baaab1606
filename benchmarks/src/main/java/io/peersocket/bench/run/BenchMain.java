package io.peersocket.bench.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.peersocket.bench.load.WsClient;

/**
 * Runs every scenario against every server and writes the report. Servers run in processes of
 * their own on core 0, the load generator (this JVM) on core 1; only the server being measured
 * runs (the others are stopped with SIGSTOP); rounds are interleaved (A B C A B C ...).
 * <p>
 * {@code BenchMain [--smoke] [--out DIR] [--targets a,b,...] [--scenarios echo,idle,cluster,...]}: DIR gets {@code benchmarks.md} and
 * {@code benchmarks.png} (default: {@code ../docs} of the module, or {@code target/smoke} with --smoke).
 */
public final class BenchMain {

    static final String GODOT_RELAY = "godot-relay";

    /** Godot 3.2.3 serving node /root/Bench through its MultiplayerAPI (benchmarks/godot/rpc_server.gd). */
    static final String GODOT_RPC = "godot-rpc";

    /** The starter serving the same node as a {@code @RemoteNode} bean. */
    static final String STARTER_RPC = "starter-rpc";

    /** The starter with its echo handler declared {@code blocking = false} (run on the I/O thread). */
    static final String NON_BLOCKING = "starter-reactive-nonblocking";

    private final Path home;

    private final Settings settings;

    private final Map<String, List<Sample>> results = new LinkedHashMap<>();

    private final List<String> notes = new ArrayList<>();

    private final List<Target> targets = new ArrayList<>();

    private boolean pinned;

    private WsClient client;

    private int startFailures;

    private int cores;

    private BenchMain(Path home, Settings settings) {
        this.home = home;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        Path out = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--targets" -> only = args[++i];
                case "--scenarios" -> System.setProperty("bench.scenarios", args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path home = Path.of(System.getProperty("bench.home", ".")).toAbsolutePath().normalize();
        if (out == null) {
            out = smoke ? home.resolve("target/smoke") : home.resolve("../docs").normalize();
        }
        int problems = run(home, out, smoke, only, Boolean.getBoolean("peersocket.peers.required"));
        System.exit(problems == 0 ? 0 : 1);
    }

    /**
     * @return how many samples reported a problem (a wrong echo, a lost message, a server that failed)
     */
    public static int run(Path home, Path out, boolean smoke, String only, boolean peersRequired) throws Exception {
        long maxFiles = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getMaxFileDescriptorCount();
        BenchMain bench = new BenchMain(home, new Settings(smoke, maxFiles));
        return bench.runAll(out, only, peersRequired);
    }

    private int runAll(Path out, String only, boolean peersRequired) throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(out);
        Path logs = this.home.resolve("target/bench-logs");
        Files.createDirectories(logs);
        this.cores = Runtime.getRuntime().availableProcessors();
        this.pinned = pinSelf();
        this.targets.addAll(Targets.all(this.home, this.pinned, peersRequired, this.notes));
        if (only != null) {
            List<String> names = List.of(only.split(","));
            this.targets.removeIf((t) -> !names.contains(t.name));
        }
        List<InetAddress> sources = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("127.0.0.3"), InetAddress.getByName("127.0.0.4"));
        // Servers are stopped (SIGSTOP) between measurements: never leave them behind.
        Thread cleanup = new Thread(() -> this.targets.forEach(Target::stop), "stop-servers");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (WsClient client = new WsClient(sources)) {
            this.client = client;
            startAll(logs);
            Scenarios scenarios = new Scenarios(client, this.settings);
            List<Target> echoTargets = this.targets.stream()
                .filter((t) -> !t.name.endsWith("relay") && !t.name.endsWith("-rpc")).toList();
            List<Target> rpcTargets = this.targets.stream().filter((t) -> t.name.endsWith("-rpc")).toList();
            // the relay: Godot's own, the starter's (reactive, push), and the same protocol as a plain WebFlux loop
            List<Target> relayTargets = this.targets.stream()
                .filter((t) -> t.name.endsWith("relay") || t.name.equals("webflux-plain")).toList();
            // The non-blocking echo handler is the only difference of its target: it is measured in the echo only.
            List<Target> fullTargets = echoTargets.stream().filter((t) -> !t.name.equals(NON_BLOCKING)).toList();
            List<Target> springAndNode = fullTargets.stream().filter((t) -> t.kind != Target.Kind.GODOT).toList();
            List<Target> pollTargets = echoTargets.stream().filter((t) -> t.poll).toList();
            for (Settings.Echo echo : this.settings.echoes) {
                Run run = (t, r) -> scenarios.echo(t, r, echo.connections(), echo.inFlight(), echo.size(), echo.text());
                warmUp(echo.key(), echoTargets, run);
                rounds(echo.key(), echoTargets, run);
            }
            for (int peers : this.settings.broadcastPeers) {
                rounds("broadcast-" + peers, springAndNode, (t, r) -> scenarios.broadcast(t, r, peers));
            }
            rounds("relay", relayTargets, (t, r) -> scenarios.relay(t, r, t.name.equals(GODOT_RELAY) ? "/" : "/relay"));
            Run rpc = (t, r) -> scenarios.rpc(t, r, t.name.equals(GODOT_RPC) ? "/" : "/rpc");
            warmUp("rpc", rpcTargets, rpc); // the first round otherwise measures the JIT compiling the call path
            rounds("rpc", rpcTargets, rpc);
            rounds("gameloop", pollTargets, scenarios::gameLoop);
            rounds("churn", fullTargets, scenarios::churn);
            for (Target target : selected("idle") ? fullTargets : List.<Target>of()) {
                measure("idle", target, 1, () -> scenarios.idle(target, this.settings.idlePeers));
            }
            // Last, with every other server stopped: they start processes of their own.
            if (ClusterBench.SCENARIOS.stream().anyMatch(BenchMain::selected)) {
                this.startFailures += new ClusterBench(this.home, this.settings, client, this.pinned, this.notes,
                        this.results).run(logs, peersRequired);
            }
        }
        finally {
            this.targets.forEach(Target::stop);
        }
        Duration took = Duration.between(started, Instant.now());
        Report report = new Report(this.settings, this.results, this.targets, this.notes, this.pinned, took, this.cores);
        Files.writeString(out.resolve("benchmarks.md"), report.markdown());
        Chart.write(this.results, this.targets, out.resolve("benchmarks.png"));
        Files.writeString(this.home.resolve("target/bench-results.txt"), report.raw());
        int problems = this.startFailures
                + (int) this.results.values().stream().flatMap(List::stream).filter((s) -> !s.ok()).count();
        System.out.println("Wrote " + out.resolve("benchmarks.md") + " in " + took.toSeconds() + " s; " + problems
                + " sample(s) with problems");
        return problems;
    }

    interface Run {

        Sample run(Target target, int round) throws Exception;

    }

    static boolean selected(String scenario) {
        String only = System.getProperty("bench.scenarios");
        return only == null || List.of(only.split(",")).stream().anyMatch(scenario::startsWith);
    }

    private void rounds(String scenario, List<Target> targets, Run run) throws Exception {
        if (!selected(scenario)) {
            return;
        }
        for (int round = 1; round <= this.settings.rounds; round++) {
            for (Target target : targets) {
                int r = round;
                measure(scenario, target, round, () -> run.run(target, r));
            }
        }
    }

    /**
     * One unrecorded round per server before the measured ones: a JVM server compiles its hot path
     * for tens of seconds after it starts, and without this its first round measured the JIT
     * compiler (perf put a fifth of the server's CPU in C2 threads) rather than the server.
     */
    private void warmUp(String scenario, List<Target> targets, Run run) throws Exception {
        if (!selected(scenario) || this.settings.smoke) {
            return;
        }
        for (Target target : targets) {
            if (target.kind == Target.Kind.GODOT || !target.alive()) {
                continue;
            }
            target.resume();
            try {
                run.run(target, 0);
            }
            catch (Exception ex) {
                System.out.println(scenario + " warm-up of " + target.name + " failed: " + ex);
            }
            this.client.dropLeftovers();
            Thread.sleep(200);
            target.pause();
        }
    }

    private void measure(String scenario, Target target, int round, Callable<Sample> body) throws Exception {
        Sample sample;
        if (!target.alive()) {
            sample = new Sample(target.name, round);
            sample.problem("server process is gone");
        }
        else {
            target.resume();
            long start = System.nanoTime();
            try {
                sample = body.call();
                sample.put("seconds", (System.nanoTime() - start) / 1e9);
            }
            catch (Exception ex) {
                sample = new Sample(target.name, round);
                sample.problem("failed: " + ex);
            }
            this.client.dropLeftovers();
            Thread.sleep(200);
            target.pause();
        }
        this.results.computeIfAbsent(scenario, (k) -> new ArrayList<>()).add(sample);
        System.out.println(scenario + " " + sample);
    }

    private void startAll(Path logs) throws Exception {
        for (Target target : this.targets) {
            target.start(logs);
        }
        for (Target target : new ArrayList<>(this.targets)) {
            try {
                target.awaitReady(120_000);
                if (this.pinned) {
                    target.pin(0);
                }
                target.pause();
            }
            catch (Exception ex) {
                this.startFailures++;
                this.notes.add(target.name + " did not start (" + ex.getMessage() + "); see target/bench-logs/"
                        + target.name + ".log");
                target.stop();
            }
        }
    }

    /** Pins this JVM (the load generator) to core 1 when taskset exists and there are two cores. */
    private boolean pinSelf() {
        if (!Files.isExecutable(Path.of("/usr/bin/taskset")) || Runtime.getRuntime().availableProcessors() < 2) {
            this.notes.add("taskset missing or fewer than 2 cores: server and load generator are not pinned");
            return false;
        }
        try {
            Process process = new ProcessBuilder("taskset", "-a", "-p", "-c", "1",
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        }
        catch (IOException | InterruptedException ex) {
            return false;
        }
    }

}
