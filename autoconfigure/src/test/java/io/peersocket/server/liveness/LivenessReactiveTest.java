package io.peersocket.server.liveness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Liveness on the dedicated Reactor Netty port. */
@SpringBootTest(classes = { TestApplication.class, LivenessTests.ObserverConfiguration.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.bind-address=127.0.0.1",
                LivenessTests.PROPERTIES_PING, LivenessTests.PROPERTIES_IDLE })
class LivenessReactiveTest extends LivenessTests {

    // Each stalled peer holds at least its 64 KiB frame in the decoder's buffer.
    private static final long STALLED_FRAME_BYTES = 64 * 1024;

    @LocalPeerSocketPort
    int port;

    @Override
    int port() {
        return this.port;
    }

    @Override
    long memoryInUse() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    @Override
    void stalled(long before) {
        // The frames are held while the peers stall: what the timeout must free.
        long expected = before + stalledPeers() * STALLED_FRAME_BYTES / 2;
        await().atMost(Duration.ofSeconds(30)).until(() -> memoryInUse() >= expected);
    }

    @Override
    void assertMemoryReturned(long before) {
        long slack = 16L * 1024 * 1024; // allocator chunks kept for reuse
        await().atMost(Duration.ofSeconds(30)).until(() -> memoryInUse() <= before + slack);
    }

    @Test
    void acceptedSocketsUseTcpKeepalive() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(this.port, "/record")) {
            awaitConnectedPeer();
            // The kernel's view of the server's side of the connection:
            // 'timer:(keepalive,...)'.
            Process ss = new ProcessBuilder("ss", "-tnoH", "state", "established", "( sport = :" + this.port + " )")
                .redirectErrorStream(true)
                .start();
            String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor();
            assertThat(sockets).as("server sockets").contains("keepalive");
        }
    }

}
