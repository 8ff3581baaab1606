package io.peersocket.bench.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One comparison server per JVM: {@code ServerMain <target> <port>}. Prints {@code @@READY} when
 * it listens, then answers the runner's commands on standard input:
 * {@code heap} (heap used after full GCs), {@code tick60} / {@code spin} (poll-loop pace),
 * {@code ticks} (tick cost statistics since the last call), {@code nodes} (a cluster node: how
 * many other nodes it sees), {@code has <id>} (whether the server knows a peer, of any node), {@code quit}.
 */
public final class ServerMain {

    /** Settings every Spring server shares, so that they differ only in their stack. */
    static final String[] COMMON = {
        "spring.main.banner-mode=off",
        "spring.jmx.enabled=false",
        "logging.level.root=WARN",
        "server.address=127.0.0.1",
        // Servlet stacks: Tomcat's default of 8192 connections would cap the broadcast and idle scenarios.
        "server.tomcat.max-connections=30000",
        "server.tomcat.accept-count=1024",
    };

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int port = Integer.parseInt(args[1]);
        PollLoop loop = null;
        ConfigurableApplicationContext context = switch (target) {
            case "mvc-plain" -> PlainMvcServer.start(port);
            case "webflux-plain" -> PlainWebFluxServer.start(port);
            case "starter-reactive-push", "starter-relay" -> StarterServer.start(port, true, false);
            case "starter-rpc" -> StarterServer.startRpc(port);
            case "starter-reactive-poll" -> StarterServer.start(port, true, true);
            case "starter-reactive-nonblocking" -> StarterServer.start(port, true, false, false);
            case "starter-servlet-push" -> StarterServer.start(port, false, false);
            case "starter-servlet-poll" -> StarterServer.start(port, false, true);
            // cluster <port> <node> <redis port> <key prefix>
            case "cluster" -> ClusterServer.start(port, args[2], Integer.parseInt(args[3]), args[4]);
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
        if (target.endsWith("-poll")) {
            loop = new PollLoop(context.getBean(io.peersocket.server.PeerSocketServer.class));
            loop.start();
        }
        System.out.println("@@READY " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("has ")) {
                System.out.println("@@HAS " + context.getBean(io.peersocket.server.PeerSocketServer.class)
                    .hasPeer(Integer.parseInt(line.substring(4).trim())));
                System.out.flush();
                continue;
            }
            switch (line.trim()) {
                case "heap" -> System.out.println("@@HEAP " + heapAfterGc());
                case "tick60" -> loop.tick(true);
                case "spin" -> loop.tick(false);
                case "nodes" -> System.out.println("@@NODES " + context.getBean(io.peersocket.cluster.ClusterNode.class)
                    .otherNodes().size());
                case "ticks" -> System.out.println("@@TICKS " + ((loop != null) ? loop.stats() : "0 0 0 0 0 0 0"));
                case "quit" -> {
                    context.close();
                    System.exit(0);
                }
                default -> System.out.println("@@ERROR unknown command " + line);
            }
            System.out.flush();
        }
        context.close();
        System.exit(0);
    }

    static SpringApplicationBuilder builder(Class<?>... sources) {
        return new SpringApplicationBuilder(sources).properties(COMMON);
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static List<String> with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all;
    }

}
