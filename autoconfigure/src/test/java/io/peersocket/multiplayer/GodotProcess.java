package io.peersocket.multiplayer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A Godot 3.2.3 headless process ({@code godot3-server -s script.gd}) running a test
 * script from {@code src/test/resources/godot}, with its output collected line by line.
 * Every wait is bounded and {@link #close()} kills what is left. A minimal stand-in for
 * the shared {@code ExternalPeer} helper of the sample application's tests.
 */
public final class GodotProcess implements AutoCloseable {

    static final String COMMAND = "godot3-server";

    private static volatile Boolean available;

    private final String name;

    private final Process process;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final Thread reader;

    private GodotProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::read, "godot-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Skips the calling test when Godot is not installed, or fails it when the system
     * property {@code peersocket.peers.required} is true (CI).
     */
    public static void assumeInstalled() {
        if (isInstalled()) {
            return;
        }
        String message = COMMAND + " (Godot 3.2.3 headless) is not installed: apt-get install godot3-server, "
                + "or run .ci/run, which installs it";
        if (Boolean.getBoolean("peersocket.peers.required")) {
            fail(message + " (required: peersocket.peers.required=true)");
        }
        Assumptions.abort("Skipped: " + message);
    }

    public static boolean isInstalled() {
        Boolean known = available;
        if (known == null) {
            try {
                // Godot 3.2.3 prints its version and exits with 255.
                Process probe = new ProcessBuilder(COMMAND, "--version").redirectErrorStream(true).start();
                String version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                known = probe.waitFor(20, TimeUnit.SECONDS) && version.startsWith("3.");
                probe.destroyForcibly();
            }
            catch (IOException ex) {
                known = false;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                known = false;
            }
            available = known;
        }
        return known;
    }

    /**
     * @param name a name for messages and the reader thread
     * @param script the script's file name in {@code src/test/resources/godot}
     * @param environment variables for the script
     * @return the running process
     */
    public static GodotProcess start(String name, String script, Map<String, String> environment) throws IOException {
        Path dir = Files.createTempDirectory("godot-" + name);
        try (InputStream source = GodotProcess.class.getResourceAsStream("/godot/" + script)) {
            if (source == null) {
                throw new IOException("No test script /godot/" + script);
            }
            Files.copy(source, dir.resolve(script));
        }
        ProcessBuilder builder = new ProcessBuilder(COMMAND, "-s", script).directory(dir.toFile())
            .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("HOME", dir.toString()); // the engine's user:// data
                                                           // stays in the temp dir
        return new GodotProcess(name, builder.start());
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
            // the process was killed
        }
    }

    /**
     * @return every line printed so far
     */
    public List<String> lines() {
        return List.copyOf(this.lines);
    }

    /** Waits for a line; fails with the output so far when none comes in time. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : this.lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!this.process.isAlive() && !this.reader.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        for (String line : this.lines) {
            if (wanted.test(line)) {
                return line;
            }
        }
        return fail("Godot " + this.name + " printed no such line within " + timeout + "; output:\n"
                + String.join("\n", this.lines));
    }

    /**
     * Waits for the process to end by itself; kills it and fails when it does not in
     * time.
     */
    public void awaitExit(Duration timeout) throws InterruptedException {
        if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            fail("Godot " + this.name + " did not finish within " + timeout + "; output:\n"
                    + String.join("\n", this.lines));
        }
        this.reader.join(5000);
    }

    @Override
    public void close() {
        this.process.descendants().forEach(ProcessHandle::destroyForcibly);
        this.process.destroyForcibly();
        try {
            this.process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Godot " + this.name;
    }

}
