package io.peersocket.bench.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One comparison server in a process of its own, pinned to the server core when {@code taskset}
 * exists, paused with SIGSTOP while other servers are measured (so an idle server costs nothing),
 * and asked for its heap and tick statistics on standard input.
 */
final class Target {

    enum Kind { JAVA, NODE, GODOT }

    final String name;

    final Kind kind;

    final int port;

    /** The transport family, for ratios: "reactive", "servlet" or "" for non-Spring servers. */
    final String family;

    final boolean starter;

    final boolean poll;

    private final List<String> command;

    private final Map<String, String> env;

    private Process process;

    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private final List<String> log = new ArrayList<>();

    private Writer stdin;

    private boolean paused;

    Target(String name, Kind kind, int port, String family, boolean starter, boolean poll, List<String> command,
            Map<String, String> env) {
        this.name = name;
        this.kind = kind;
        this.port = port;
        this.family = family;
        this.starter = starter;
        this.poll = poll;
        this.command = command;
        this.env = env;
    }

    void start(Path logDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true);
        builder.environment().putAll(this.env);
        this.process = builder.start();
        this.stdin = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
        Path logFile = logDir.resolve(this.name + ".log");
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(this.process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer file = Files.newBufferedWriter(logFile)) {
                String line;
                while ((line = out.readLine()) != null) {
                    file.write(line + "\n");
                    file.flush();
                    int at = line.indexOf("@@");
                    if (at >= 0) {
                        this.replies.add(line.substring(at + 2).trim());
                    }
                }
            }
            catch (IOException ex) {
                // process gone
            }
        }, "out-" + this.name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until the server listens (its READY line, or the port accepting, for servers that buffer stdout). */
    void awaitReady(long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String reply = this.replies.poll(100, TimeUnit.MILLISECONDS);
            if (reply != null && reply.startsWith("READY")) {
                return;
            }
            if (reply != null && reply.startsWith("ERROR")) {
                throw new IllegalStateException(this.name + ": " + reply);
            }
            if (!this.process.isAlive()) {
                throw new IllegalStateException(this.name + " exited with " + this.process.exitValue());
            }
            if (this.kind == Kind.GODOT && portOpen()) {
                Thread.sleep(200);
                return;
            }
        }
        throw new IllegalStateException(this.name + " did not start within " + timeoutMillis + " ms");
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    long pid() {
        return this.process.pid();
    }

    /** Sends a command and waits for the reply that starts with {@code expect}; null for servers without the command. */
    String ask(String command, String expect) throws Exception {
        if (this.kind == Kind.GODOT) {
            return null;
        }
        this.replies.clear();
        this.stdin.write(command + "\n");
        this.stdin.flush();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            String reply = this.replies.poll(100, TimeUnit.MILLISECONDS);
            if (reply != null && reply.startsWith(expect)) {
                return reply.substring(expect.length()).trim();
            }
        }
        throw new IllegalStateException(this.name + " did not answer " + command);
    }

    void tell(String command) throws IOException {
        if (this.kind != Kind.GODOT) {
            this.stdin.write(command + "\n");
            this.stdin.flush();
        }
    }

    /** @return heap used after full GCs, or -1 where the server cannot tell */
    long heapAfterGc() throws Exception {
        String reply = ask("heap", "HEAP");
        return (reply != null) ? Long.parseLong(reply) : -1;
    }

    /** Pins every thread of the server (and so those it starts later) to one core. */
    void pin(int core) throws Exception {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(core),
                Long.toString(this.process.pid())).redirectErrorStream(true).start();
        taskset.getInputStream().readAllBytes();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset failed for " + this.name);
        }
    }

    void pause() throws Exception {
        if (!this.paused) {
            signal("-STOP");
            this.paused = true;
        }
    }

    void resume() throws Exception {
        if (this.paused) {
            signal("-CONT");
            this.paused = false;
            Thread.sleep(50);
        }
    }

    private void signal(String signal) throws Exception {
        new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start().waitFor();
    }

    /** @return user + system CPU of the whole process so far, in nanoseconds */
    long cpuNanos() {
        return cpuNanos(this.process.pid());
    }

    /** @return user + system CPU of a process so far, in nanoseconds */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ = 100
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    /**
     * @return the thread switches the process's threads asked for so far (they waited: a park, a
     * blocking read, a sleep), summed over its threads; each hand-off of work to a waiting thread
     * costs one. Unlike CPU time, this count barely depends on other load on the machine.
     */
    long voluntarySwitches() {
        long total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + this.process.pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                }
                catch (IOException ex) {
                    // the thread ended meanwhile
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
        return total;
    }

    /** @return resident set size in bytes */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + this.process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (IOException ex) {
            // gone
        }
        return 0;
    }

    boolean alive() {
        return this.process != null && this.process.isAlive();
    }

    void stop() {
        if (this.process == null) {
            return;
        }
        try {
            resume();
            tell("quit");
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroy();
                if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            }
        }
        catch (Exception ex) {
            this.process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return this.name;
    }

}
