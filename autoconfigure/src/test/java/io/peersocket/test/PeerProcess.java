package io.peersocket.test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real peer nobody here wrote (Godot, libwebsockets, a second JVM, ...) run as a child
 * process: its output (stdout and stderr merged) is collected line by line by a daemon
 * thread, every wait is bounded and fails with the output so far, and {@link #close()}
 * always destroys the process and its descendants. The one process runner of the tests.
 * <p>
 * A missing program skips its test with the Debian package to install, unless
 * {@code -Dpeersocket.peers.required=true} (the {@code ci} profile, set by
 * {@code CI=true}), which fails it instead.
 */
public final class PeerProcess implements AutoCloseable {

    /** The system property that turns a missing peer from a skip into a failure. */
    public static final String REQUIRED_PROPERTY = "peersocket.peers.required";

    private final String name;

    private final Process process;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final Thread reader;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::read, "peer-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Finds a program on the {@code PATH}.
     * @param command the program
     * @param debianPackage the package that installs it
     * @return its path; skips or fails the calling test when it is not installed
     */
    public static Path require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing("'" + command + "' is not installed: apt-get install " + debianPackage
                + " (this test talks to a real peer; .ci/run installs it)");
    }

    /**
     * Skips the calling test, or fails it when peers are required.
     * @param message what is missing and how to install it
     * @return never returns normally
     */
    public static <T> T missing(String message) {
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; " + REQUIRED_PROPERTY + "=true makes it mandatory");
        }
        Assumptions.abort("Skipped: " + message + "; set -D" + REQUIRED_PROPERTY + "=true to make it mandatory");
        throw new AssertionError("unreachable");
    }

    /**
     * Starts a process in a directory, named after its program.
     * @param command the program and its arguments
     * @param environment variables added to this JVM's environment
     * @param directory the working directory
     * @return the running process
     */
    public static PeerProcess start(List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        return start(Path.of(command.get(0)).getFileName().toString(), command, environment, directory);
    }

    /**
     * Starts a process in a directory.
     * @param name a name for messages and the reader thread
     * @param command the program and its arguments
     * @param environment variables added to this JVM's environment
     * @param directory the working directory
     * @return the running process
     */
    public static PeerProcess start(String name, List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new PeerProcess(name, builder.start());
    }

    /**
     * @return a port free on loopback a moment ago, for a peer that needs one on its
     * command line
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                this.lines.add(line);
            }
        }
        catch (IOException ex) {
            // the process was destroyed
        }
    }

    /**
     * @return every line printed so far
     */
    public List<String> lines() {
        return List.copyOf(this.lines);
    }

    /**
     * @return everything printed so far
     */
    public String output() {
        return String.join("\n", this.lines);
    }

    /** Waits for a line; fails with the output so far when none comes in time. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
        return awaitLine(wanted, timeout, this.name + " printed no such line");
    }

    /**
     * Waits for a line; fails with {@code what} and the output so far when none comes in
     * time or the process ends without printing it.
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout, String what) {
        try {
            Awaitility.await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> firstLine(wanted).isPresent() || ended());
        }
        catch (ConditionTimeoutException ex) {
            return Assertions.fail(what + ": not within " + timeout + ". Output:\n" + output());
        }
        return firstLine(wanted).orElseGet(() -> Assertions
            .fail(what + ": " + this.name + " exited with " + this.process.exitValue() + ". Output:\n" + output()));
    }

    private Optional<String> firstLine(Predicate<String> wanted) {
        return this.lines.stream().filter(wanted).findFirst();
    }

    // Once the process and its reader are done no line can come any more.
    private boolean ended() {
        return !this.process.isAlive() && !this.reader.isAlive();
    }

    /**
     * Waits until the peer accepts TCP connections on a loopback port (its output may be
     * buffered); fails with the output so far.
     */
    public void awaitPort(int port, Duration timeout, String what) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!this.process.isAlive()) {
                    Assertions.fail(what + ": " + this.name + " exited with " + this.process.exitValue() + ". Output:\n"
                            + output());
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return true;
                }
                catch (IOException ex) {
                    return false;
                }
            });
        }
        catch (ConditionTimeoutException ex) {
            Assertions.fail(what + ": not listening on " + port + " within " + timeout + ". Output:\n" + output());
        }
    }

    /**
     * Waits for the process to end by itself.
     * @return whether it ended in time (then its output is complete)
     */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        this.reader.join(5000);
        return true;
    }

    /**
     * Waits for the process to end by itself; destroys it and fails with its output when
     * it does not in time.
     */
    public void assertExits(Duration timeout) throws InterruptedException {
        if (!awaitExit(timeout)) {
            close();
            Assertions.fail(this.name + " did not finish within " + timeout + "; output:\n" + output());
        }
    }

    public boolean isAlive() {
        return this.process.isAlive();
    }

    /** Destroys the process and what it started, politely first. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = this.process.descendants().toList();
        this.process.destroy();
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return this.name;
    }

}
