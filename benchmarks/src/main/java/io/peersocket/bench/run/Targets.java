package io.peersocket.bench.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The servers: the Spring ones from this module's sources, Node ws and Godot 3.2.3's own. */
final class Targets {

    static final int BASE_PORT = 19100;

    private Targets() {
    }

    static List<Target> all(Path home, boolean pin, boolean peersRequired, List<String> notes) throws IOException {
        // Servers start on both cores (faster) and are pinned to core 0 once they listen.
        List<String> prefix = List.of();
        List<Target> targets = new ArrayList<>();
        // Ports from 19100 on, skipping any that another process holds (a second run, a stray server).
        int[] next = { BASE_PORT };
        java.util.function.IntSupplier free = () -> {
            while (!isFree(next[0])) {
                next[0]++;
            }
            return next[0]++;
        };
        int port = free.getAsInt();
        String[][] spring = {
            { "webflux-plain", "reactive", "false", "false" },
            { "starter-reactive-push", "reactive", "true", "false" },
            { "starter-reactive-nonblocking", "reactive", "true", "false" },
            { "starter-reactive-poll", "reactive", "true", "true" },
            { "mvc-plain", "servlet", "false", "false" },
            { "starter-servlet-push", "servlet", "true", "false" },
            { "starter-servlet-poll", "servlet", "true", "true" },
            { "starter-relay", "reactive", "true", "false" },
            { BenchMain.STARTER_RPC, "reactive", "true", "false" },
        };
        for (String[] s : spring) {
            targets.add(new Target(s[0], Target.Kind.JAVA, port, s[1], Boolean.parseBoolean(s[2]),
                    Boolean.parseBoolean(s[3]), javaServer(home, s[0], Integer.toString(port)), Map.of()));
            port = free.getAsInt();
            // Before/after in the same conditions: -Dbench.baseline=old-autoconfigure.jar adds a twin
            // of each starter server, "<name>@base", on that jar, measured in the same interleaved
            // rounds (select it with --targets).
            String baseline = System.getProperty("bench.baseline", "").trim();
            if (!baseline.isEmpty() && Boolean.parseBoolean(s[2])) {
                List<String> twin = new ArrayList<>(javaServer(home, s[0], Integer.toString(port)));
                int cp = twin.indexOf("-cp") + 1;
                twin.set(cp, String.join(File.pathSeparator, Arrays.stream(twin.get(cp).split(File.pathSeparator))
                    .map((entry) -> entry.contains("peersocket-spring-boot-autoconfigure") ? baseline : entry)
                    .toList()));
                twin.set(twin.size() - 2, s[0]);
                twin.set(twin.size() - 1, Integer.toString(port));
                targets.add(new Target(s[0] + "@base", Target.Kind.JAVA, port, s[1], true,
                        Boolean.parseBoolean(s[3]), twin, Map.of()));
                port = free.getAsInt();
            }
        }
        Path nodeModules = home.resolve("target/node/node_modules");
        if (onPath("node") && Files.isDirectory(nodeModules.resolve("ws"))) {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of("node", "--expose-gc", home.resolve("node/server.js").toString(), Integer.toString(port)));
            targets.add(new Target("node-ws", Target.Kind.NODE, port, "", false, false, command,
                    Map.of("NODE_PATH", nodeModules.toString())));
            port = free.getAsInt();
        }
        else {
            missing("node-ws", "node and `ws` in target/node (run.sh installs it: npm install in target/node)", peersRequired, notes);
        }
        if (onPath("godot3-server")) {
            for (String name : List.of("godot", BenchMain.GODOT_RELAY)) {
                List<String> command = new ArrayList<>(prefix);
                command.addAll(List.of("godot3-server", "--no-window", "-s", home.resolve("godot/server.gd").toString()));
                targets.add(new Target(name, Target.Kind.GODOT, port, "", false, false, command,
                        Map.of("BENCH_PORT", Integer.toString(port), "BENCH_RELAY", name.equals("godot") ? "0" : "1")));
                port = free.getAsInt();
            }
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of("godot3-server", "--no-window", "-s", home.resolve("godot/rpc_server.gd").toString()));
            targets.add(new Target(BenchMain.GODOT_RPC, Target.Kind.GODOT, port, "", false, false, command,
                    Map.of("BENCH_PORT", Integer.toString(port))));
            port = free.getAsInt();
        }
        else {
            missing("godot", "godot3-server (apt-get install godot3-server)", peersRequired, notes);
        }
        return targets;
    }

    /** @return the command that runs {@code ServerMain} with these arguments in a JVM of its own */
    static List<String> javaServer(Path home, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = home.resolve("target/classes") + File.pathSeparator
                + Files.readString(home.resolve("target/classpath.txt")).trim();
        List<String> command = new ArrayList<>();
        // One GC for every server; -Dbench.gc=-XX:+UseG1GC (for example) to compare collectors.
        command.addAll(List.of(java, "-Xmx4g", System.getProperty("bench.gc", "-XX:+UseSerialGC")));
        // Extra server JVM options for experiments and profiling, e.g. -Dbench.serverOpts=-XX:StartFlightRecording
        String extra = System.getProperty("bench.serverOpts", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, "io.peersocket.bench.server.ServerMain"));
        command.addAll(List.of(args));
        return command;
    }

    /** @return a free loopback port from {@code from} on */
    static int freePort(int from) {
        int port = from;
        while (!isFree(port)) {
            port++;
        }
        return port;
    }

    private static void missing(String name, String what, boolean required, List<String> notes) {
        if (required) {
            throw new IllegalStateException(name + " is required (peersocket.peers.required=true) but " + what + " is missing");
        }
        notes.add(name + " skipped: needs " + what);
        System.out.println("SKIPPED " + name + ": needs " + what);
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

}
