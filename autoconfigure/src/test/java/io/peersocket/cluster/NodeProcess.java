package io.peersocket.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cluster node in a JVM of its own: {@link ClusterTestApplication#main} started from
 * the test class path with {@link ProcessBuilder}, its node id, Redis and properties as
 * arguments, on a free port it prints once ready. Being a process, it can be killed for
 * real ({@link #kill()}: SIGKILL, no shutdown hook, no goodbye to the other nodes).
 * {@link #close()} always kills it; a JVM shutdown hook kills what a crashed test left.
 * Its output is shown when it fails to start, and written whole to
 * {@code target/cluster-nodes/<node>-<pid>.log}. Several nodes start in parallel:
 * {@link #start} returns at once, {@link #awaitReady} waits.
 */
final class NodeProcess implements AutoCloseable {

    /**
     * The line {@link ClusterTestApplication#main} prints once the node serves its port.
     */
    static final String READY = "peersocket-node-ready port=";

    private final String node;

    private final Process process;

    private final List<String> output = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private NodeProcess(String node, Process process) {
        this.node = node;
        this.process = process;
        Thread reader = new Thread(this::read, "node-process-" + node);
        reader.setDaemon(true);
        reader.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    /**
     * Starts a node; returns without waiting for it.
     * @param redis the Redis of the cluster
     * @param keyPrefix the cluster's key prefix (one per test class, so that classes do
     * not meet)
     * @param node the node id
     * @param properties more Spring Boot properties, {@code name=value}
     * @return the starting node
     * @throws IOException when the JVM cannot be started
     */
    static NodeProcess start(RedisServer redis, String keyPrefix, String node, String... properties)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // A small heap and the client compiler: the node starts faster, which is what a
        // test waits for.
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                        ClusterTestApplication.class.getName(), "--spring.main.web-application-type=none",
                        "--spring.main.banner-mode=off", "--peersocket.server.port=0",
                        "--peersocket.cluster.enabled=true", "--peersocket.cluster.node-id=" + node,
                        "--peersocket.cluster.key-prefix=" + keyPrefix, "--peersocket.cluster.node-timeout=3s"));
        for (String property : redis.properties()) {
            command.add("--" + property);
        }
        for (String property : properties) {
            command.add("--" + property);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new NodeProcess(node, process);
    }

    private void read() {
        // The whole log, for a look after a failure:
        // target/cluster-nodes/<node>-<pid>.log.
        Path logs = Path.of("target", "cluster-nodes");
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
                java.io.Writer log = java.nio.file.Files.newBufferedWriter(java.nio.file.Files.createDirectories(logs)
                    .resolve(this.node + "-" + this.process.pid() + ".log"))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                // Bounded: a node's whole log is not needed, its start and its last words
                // are.
                if (this.output.size() > 2000) {
                    this.output.remove(200);
                }
                this.output.add(line);
                int at = line.indexOf(READY);
                if (at >= 0) {
                    this.port.complete(Integer.parseInt(line.substring(at + READY.length()).trim()));
                }
            }
        }
        catch (IOException ex) {
            // killed
        }
        this.port.completeExceptionally(new IllegalStateException("node " + this.node + " exited with " + exitValue()
                + " before it was ready; output:\n" + String.join("\n", this.output)));
    }

    private String exitValue() {
        try {
            return Integer.toString(this.process.waitFor(5, TimeUnit.SECONDS) ? this.process.exitValue() : -1);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /**
     * Waits until the node serves its port.
     * @param timeout how long at most
     * @return this node
     */
    NodeProcess awaitReady(Duration timeout) {
        try {
            this.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        }
        catch (TimeoutException ex) {
            close();
            throw new AssertionError("node " + this.node + " not ready within " + timeout + "; output:\n"
                    + String.join("\n", this.output));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw new AssertionError(ex.getCause().getMessage(), ex.getCause());
        }
    }

    String node() {
        return this.node;
    }

    int port() {
        return this.port.join();
    }

    /**
     * @return the URI of an endpoint of this node, e.g. {@code /cluster}
     */
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Freezes it (SIGSTOP) or lets it go on (SIGCONT): a JVM the machine does not
     * schedule, as on a host far beyond its cores.
     * @param frozen whether to freeze it
     */
    void freeze(boolean frozen) throws IOException, InterruptedException {
        Process signal = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(this.process.pid()))
            .inheritIO()
            .start();
        if (!signal.waitFor(10, TimeUnit.SECONDS) || signal.exitValue() != 0) {
            throw new AssertionError("could not " + (frozen ? "freeze " : "resume ") + this);
        }
    }

    /** Kills it with SIGKILL and waits until it is gone. */
    void kill() {
        this.process.destroyForcibly();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("node " + this.node + " survived SIGKILL for 10 s");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "node " + this.node + " (pid " + this.process.pid() + ")";
    }

}
