package io.peersocket.server.liveness;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The measurement behind docs/server.md's figures, run by hand only: 5,000 peers on the
 * dedicated port each send all but one byte of a 64 KiB frame and stall, once without an
 * idle timeout and once with one. Prints the direct memory held and how long the drops
 * take. <pre>
 * ./mvnw -o -pl autoconfigure test -Dtest=StalledPeersMeasurement -Dpeersocket.measure=true \
 *     -DargLine="-Xmx512m" -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "peersocket.measure", matches = "true")
class StalledPeersMeasurement {

    private static final int PEERS = Integer.getInteger("peersocket.measure.peers", 5000);

    @Test
    void withoutIdleTimeout() throws Exception {
        measure("0");
    }

    @Test
    void withIdleTimeout() throws Exception {
        measure("5s");
    }

    private void measure(String idleTimeout) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .properties("peersocket.server.port=0", "peersocket.server.bind-address=127.0.0.1",
                    "peersocket.server.ping-interval=0", "peersocket.server.idle-timeout=" + idleTimeout,
                    "management.endpoints.enabled-by-default=false", "logging.level.io.peersocket=WARN")
            .run()) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.peersocket.port"));
            PeerSocketServer server = context.getBean(PeerSocketServer.class);
            report("idle-timeout=" + idleTimeout + " before", server);
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.BINARY, true, new byte[64 * 1024]);
            byte[] stalled = Arrays.copyOf(frame, frame.length - 1);
            List<RawWebSocket> sockets = new ArrayList<>();
            long start = System.nanoTime();
            long peak = 0;
            int failed = 0;
            try {
                for (int i = 0; i < PEERS; i++) {
                    try {
                        long upgrade = System.nanoTime();
                        RawWebSocket socket = RawWebSocket.connect(port, "/record");
                        sockets.add(socket);
                        socket.sendRaw(stalled);
                        long ms = (System.nanoTime() - upgrade) / 1_000_000;
                        if (i >= 100 && ms > 3000) { // the first ones warm the JIT up
                            throw new IllegalStateException("upgrade and frame took " + ms + " ms: the server stalls");
                        }
                    }
                    catch (Exception ex) {
                        // Direct memory is exhausted: every further upgrade would stall
                        // as well.
                        failed++;
                        System.out.println("MEASURE upgrade " + (i + 1) + " failed: " + ex);
                        report("idle-timeout=" + idleTimeout + " at the failure", server);
                        break;
                    }
                    if (i % 500 == 499) {
                        peak = Math.max(peak, directMemory());
                        report("idle-timeout=" + idleTimeout + " " + (i + 1) + " opened", server);
                    }
                }
                System.out.println("MEASURE opened " + sockets.size() + " (" + failed + " failed) in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                for (int s = 0; s < 20; s++) {
                    Thread.sleep(1000);
                    peak = Math.max(peak, directMemory());
                    if (s % 5 == 4) {
                        report("idle-timeout=" + idleTimeout + " +" + (s + 1) + " s", server);
                    }
                }
                System.out
                    .println("MEASURE idle-timeout=" + idleTimeout + " peak direct " + peak / (1024 * 1024) + " MiB");
            }
            finally {
                for (RawWebSocket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    private static long directMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    private static void report(String when, PeerSocketServer server) {
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long nio = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                nio = pool.getMemoryUsed();
            }
        }
        System.out.println("MEASURE " + when + ": peers " + server.peers().size() + ", allocator direct "
                + directMemory() / (1024 * 1024) + " MiB, netty direct "
                + PlatformDependent.usedDirectMemory() / (1024 * 1024) + " MiB, nio direct " + nio / (1024 * 1024)
                + " MiB, heap " + heap / (1024 * 1024) + " MiB, max direct "
                + PlatformDependent.maxDirectMemory() / (1024 * 1024) + " MiB");
    }

}
