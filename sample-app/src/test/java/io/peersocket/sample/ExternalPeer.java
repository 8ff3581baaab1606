package io.peersocket.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real peer that nobody here wrote (Godot 3.2.3 headless, libwebsockets' test client),
 * run as an external process: found on the {@code PATH}, bounded in time, its output
 * captured line by line for assertions and for failure messages.
 * <p>
 * A missing executable skips the test with a message that says how to enable it, unless
 * the system property {@value #REQUIRED_PROPERTY} is {@code true} ({@code .ci/run}),
 * which makes it a failure naming the Debian package to install.
 */
final class ExternalPeer implements AutoCloseable {

    static final String REQUIRED_PROPERTY = "peersocket.peers.required";

    static final String GODOT = "godot3-server";

    static final String LWS_CLIENT = "libwebsockets-test-client";

    private static final String HOW_TO_ENABLE = "install the peers with `apt-get install godot3-server "
            + "libwebsockets-test-server` and run with -D" + REQUIRED_PROPERTY + "=true to make these tests mandatory";

    /** Lines kept at each end of an output in a failure message. */
    private static final int SHOWN_LINES = 40;

    private final List<String> command;

    private final Process process;

    private final List<String> stdout = new ArrayList<>();

    private final List<String> stderr = new ArrayList<>();

    private final Thread[] readers;

    private ExternalPeer(List<String> command, Process process) {
        this.command = List.copyOf(command);
        this.process = process;
        this.readers = new Thread[] { reader(process.getInputStream(), this.stdout, "stdout"),
                reader(process.getErrorStream(), this.stderr, "stderr") };
    }

    /**
     * The absolute path of an executable on the {@code PATH}; when it is missing, skips
     * the test or, with {@value #REQUIRED_PROPERTY}=true, fails it.
     * @param executable the command name
     * @param debianPackage the Debian package that installs it
     * @return the executable
     */
    static Path require(String executable, String debianPackage) {
        Path found = which(executable);
        if (found == null) {
            if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
                Assertions.fail(executable + " is not on the PATH but -D" + REQUIRED_PROPERTY
                        + "=true requires it: install the Debian package " + debianPackage + " (apt-get install "
                        + debianPackage + ")");
            }
            String message = "Skipped: " + executable + " (Debian package " + debianPackage + ") is not on the PATH; "
                    + HOW_TO_ENABLE;
            // also in the build log, where a skipped count alone says nothing of the
            // reason
            System.err.println(message);
            Assumptions.abort(message);
        }
        return found;
    }

    private static Path which(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }

    /**
     * Starts a process; {@link #close()} (or {@link #await}) ends it.
     * @param command the command line
     * @param environment variables added to the inherited environment
     * @param directory the working directory
     * @return the running peer
     */
    static ExternalPeer start(List<String> command, Map<String, String> environment, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        try {
            return new ExternalPeer(command, builder.start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + command, ex);
        }
    }

    /**
     * Runs a process to its end, destroying it when it outlives the timeout.
     * @param command the command line
     * @param environment variables added to the inherited environment
     * @param directory the working directory
     * @param timeout how long it may run
     * @return the finished run
     */
    static ExternalPeer run(List<String> command, Map<String, String> environment, Path directory, Duration timeout) {
        ExternalPeer peer = start(command, environment, directory);
        peer.await(timeout);
        return peer;
    }

    /**
     * Starts Godot 3.2.3 headless on one of the GDScripts in
     * {@code src/test/resources/godot}: the script is copied into {@code directory},
     * which becomes Godot's working directory (its {@code res://}) and {@code HOME}, so
     * that the run leaves nothing behind.
     * @param godot the executable
     * @param script the script's file name
     * @param environment what the script reads with {@code OS.get_environment}
     * @param directory a fresh directory
     * @return the running Godot
     */
    static ExternalPeer startGodot(Path godot, String script, Map<String, String> environment, Path directory) {
        try (InputStream source = ExternalPeer.class.getResourceAsStream("/godot/" + script)) {
            Assertions.assertNotNull(source, "no test resource godot/" + script);
            Files.copy(source, directory.resolve(script));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOME", directory.toString());
        return start(List.of(godot.toString(), "-s", script), env, directory);
    }

    /**
     * What a GDScript printed: standard output without the engine's banner
     * ({@code Godot Engine v3.2.3...} and a blank line). The engine's own errors go to
     * standard error.
     * @return the script's lines
     */
    List<String> printed() {
        return stdout().stream().filter((line) -> !line.startsWith("Godot Engine v") && !line.isBlank()).toList();
    }

    private static Thread reader(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            }
            catch (IOException ex) {
                // the process was destroyed: keep what was read
            }
        }, "external-peer-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits for the process to end by itself; fails the test (after destroying it) when
     * it does not end in time.
     * @param timeout how long to wait
     * @return this peer
     */
    ExternalPeer await(Duration timeout) {
        boolean ended;
        try {
            ended = this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            destroy();
            Assertions.fail("Did not end within " + timeout.toMillis() + " ms, destroyed\n" + describe());
        }
        joinReaders();
        return this;
    }

    /**
     * Waits until a line of standard output or error matches, failing the test when none
     * does in time or the process ends first.
     * @param condition what to wait for
     * @param timeout how long to wait
     * @param what a description for the failure message
     */
    void awaitLine(Predicate<String> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int stdoutSeen = 0;
        int stderrSeen = 0;
        while (true) {
            boolean alive = this.process.isAlive();
            if (!alive) {
                joinReaders();
            }
            List<String> out = newLines(this.stdout, stdoutSeen);
            List<String> err = newLines(this.stderr, stderrSeen);
            stdoutSeen += out.size();
            stderrSeen += err.size();
            if (out.stream().anyMatch(condition) || err.stream().anyMatch(condition)) {
                return;
            }
            if (!alive) {
                Assertions.fail("Ended before printing " + what + "\n" + describe());
            }
            if (System.nanoTime() > deadline) {
                Assertions.fail("No " + what + " within " + timeout.toMillis() + " ms\n" + describe());
            }
            sleep(20);
        }
    }

    private static List<String> newLines(List<String> lines, int from) {
        synchronized (lines) {
            return new ArrayList<>(lines.subList(from, lines.size()));
        }
    }

    /**
     * Sends SIGINT, the way a user stops a console program (libwebsockets' test client
     * then closes its connections and prints "Exiting"), and waits for the end.
     * @param timeout how long to wait after the signal
     * @return this peer
     */
    ExternalPeer interrupt(Duration timeout) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(this.process.pid())).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return await(timeout);
    }

    /**
     * @return the exit code; only after the end
     */
    int exitCode() {
        return this.process.exitValue();
    }

    /**
     * @return standard output so far, line by line
     */
    List<String> stdout() {
        synchronized (this.stdout) {
            return new ArrayList<>(this.stdout);
        }
    }

    /**
     * @return standard error so far, line by line
     */
    List<String> stderr() {
        synchronized (this.stderr) {
            return new ArrayList<>(this.stderr);
        }
    }

    /**
     * @return both outputs, standard output first
     */
    List<String> output() {
        List<String> all = stdout();
        all.addAll(stderr());
        return all;
    }

    /**
     * @return the command, its state and the ends of its outputs, for failure messages
     */
    String describe() {
        StringBuilder text = new StringBuilder("$ ").append(String.join(" ", this.command)).append('\n');
        text.append(this.process.isAlive() ? "(still running)" : "(exit code " + this.process.exitValue() + ")");
        append(text, "stdout", stdout());
        append(text, "stderr", stderr());
        return text.toString();
    }

    private static void append(StringBuilder text, String name, List<String> lines) {
        text.append("\n--- ").append(name).append(" (").append(lines.size()).append(" lines) ---");
        if (lines.size() <= 2 * SHOWN_LINES) {
            lines.forEach((line) -> text.append('\n').append(line));
            return;
        }
        lines.subList(0, SHOWN_LINES).forEach((line) -> text.append('\n').append(line));
        text.append("\n[... ").append(lines.size() - 2 * SHOWN_LINES).append(" lines ...]");
        lines.subList(lines.size() - SHOWN_LINES, lines.size()).forEach((line) -> text.append('\n').append(line));
    }

    private void destroy() {
        this.process.descendants().forEach(ProcessHandle::destroyForcibly);
        this.process.destroyForcibly();
        try {
            this.process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        joinReaders();
    }

    private void joinReaders() {
        for (Thread reader : this.readers) {
            try {
                reader.join(2000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Destroys the process if it still runs: no peer outlives its test. */
    @Override
    public void close() {
        if (this.process.isAlive()) {
            destroy();
        }
    }

}
