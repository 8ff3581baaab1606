package io.peersocket.client;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real peer nobody here wrote (Godot, libwebsockets), run as a bounded child process
 * whose output goes to a file. When the program is missing the test is skipped with a
 * message naming the Debian package, unless {@code -Dpeersocket.peers.required=true}
 * (CI), which fails instead.
 */
final class ExternalPeer implements AutoCloseable {

    private final Process process;

    private final Path output;

    private ExternalPeer(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param command the program
     * @param debianPackage the package that installs it
     * @return its path; skips or fails the test when it is not installed
     */
    static Path require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "'" + command + "' is not installed: apt-get install " + debianPackage
                + " (this test talks to a real peer; .ci/run installs it)";
        if (Boolean.getBoolean("peersocket.peers.required")) {
            Assertions.fail(message + "; peersocket.peers.required=true makes it mandatory");
        }
        Assumptions.abort("Skipped: " + message + "; set -Dpeersocket.peers.required=true to make it mandatory");
        throw new AssertionError("unreachable");
    }

    static ExternalPeer start(List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        Path output = Files.createTempFile(directory, "peer-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new ExternalPeer(builder.start(), output);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    String output() {
        try {
            return Files.readString(this.output, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            return "";
        }
    }

    /**
     * Waits (bounded) until the output has a line that matches; fails with the output so
     * far.
     */
    void awaitLine(Predicate<String> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().lines().anyMatch(match)) {
                return;
            }
            if (!this.process.isAlive() && !output().lines().anyMatch(match)) {
                Assertions.fail(what + ": the peer exited with " + this.process.exitValue() + ". Output:\n" + output());
            }
            Thread.sleep(20);
        }
        Assertions.fail(what + ": not within " + timeout + ". Output:\n" + output());
    }

    /**
     * Waits (bounded) until the peer accepts TCP connections on the port (its log may be
     * buffered).
     */
    void awaitPort(int port, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                Assertions.fail(what + ": the peer exited with " + this.process.exitValue() + ". Output:\n" + output());
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            }
            catch (IOException ex) {
                Thread.sleep(50);
            }
        }
        Assertions.fail(what + ": not listening on " + port + " within " + timeout + ". Output:\n" + output());
    }

    /** Waits (bounded) for the process to end by itself. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (this.process.isAlive()) {
            this.process.destroy();
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

}
