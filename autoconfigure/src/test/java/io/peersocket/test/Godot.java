package io.peersocket.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Godot 3.2.3 headless ({@code godot3-server -s script.gd}) running a test script from
 * {@code src/test/resources/godot}, as a {@link PeerProcess}.
 */
public final class Godot {

    static final String COMMAND = "godot3-server";

    private static volatile Boolean available;

    private Godot() {
    }

    /**
     * Skips the calling test when Godot is not installed, or fails it when the system
     * property {@code peersocket.peers.required} is true (CI).
     */
    public static void assumeInstalled() {
        if (!isInstalled()) {
            PeerProcess.missing(COMMAND + " (Godot 3.2.3 headless) is not installed: apt-get install "
                    + "godot3-server, or run .ci/run, which installs it");
        }
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
     * Runs a test script in a fresh temporary directory, which is also the engine's
     * {@code HOME} (its {@code user://} data stays there).
     * @param name a name for messages and the reader thread
     * @param script the script's file name in {@code src/test/resources/godot}
     * @param environment variables for the script
     * @return the running process
     */
    public static PeerProcess start(String name, String script, Map<String, String> environment) throws IOException {
        Path dir = Files.createTempDirectory("godot-" + name);
        try (InputStream source = Godot.class.getResourceAsStream("/godot/" + script)) {
            if (source == null) {
                throw new IOException("No test script /godot/" + script);
            }
            Files.copy(source, dir.resolve(script));
        }
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("HOME", dir.toString());
        return PeerProcess.start("Godot " + name, List.of(COMMAND, "-s", script), variables, dir);
    }

}
