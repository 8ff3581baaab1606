package io.peersocket.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.peer.Peer;
import io.peersocket.test.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The slow-reader policy ({@code peersocket.server.limits.slow-reader-timeout}), the same
 * on both transports: a raw socket that never reads keeps sending to the echo endpoint,
 * so its output limit fills and put_packet keeps refusing the echoes; after the timeout
 * it is dropped and counted, while a healthy peer beside it is served throughout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SlowReaderTests {

    static final String TIMEOUT = "2s";

    @Autowired
    MeterRegistry meters;

    @Autowired
    PeerSocketServer server;

    abstract int port();

    @Test
    void aPeerWhoseOutputStaysFullIsDroppedAndAHealthyPeerIsServed() throws Exception {
        double before = drops("slow-reader");
        double closedBefore = closed("1006");
        Set<Peer> others = new HashSet<>(this.server.peers());
        Socket stuck = SlowReadersServletTest.upgradeAndNeverRead(port(), "/echo");
        Thread sender = new Thread(() -> sendUntilDropped(stuck), "never-reading-sender");
        sender.setDaemon(true);
        try (RawWebSocket healthy = RawWebSocket.connect(port(), "/echo")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == others.size() + 2);
            sender.start();
            int n = 0;
            // The healthy peer's echoes keep coming, in order, until the stuck peer is
            // dropped.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (drops("slow-reader") == before) {
                assertThat(System.nanoTime()).as("slow reader dropped within 30 s").isLessThan(deadline);
                healthy.sendText("h" + n);
                RawWebSocket.Frame frame;
                do {
                    frame = healthy.readFrame();
                }
                while (frame.opcode() == RawWebSocket.PING);
                assertThat(frame.text()).isEqualTo("h" + n);
                n++;
                Thread.sleep(50);
            }
            assertThat(drops("slow-reader")).isEqualTo(before + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == others.size() + 1);
            assertThat(closed("1006")).as("dropped without a close handshake").isEqualTo(closedBefore + 1);
            healthy.sendText("after");
            RawWebSocket.Frame frame;
            do {
                frame = healthy.readFrame();
            }
            while (frame.opcode() == RawWebSocket.PING);
            assertThat(frame.text()).isEqualTo("after");
        }
        finally {
            stuck.close();
        }
    }

    // 32 KiB binary frames until the server drops the connection (the write then fails).
    private static void sendUntilDropped(Socket socket) {
        byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.BINARY, true, new byte[32 * 1024]);
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 100_000; i++) {
                out.write(frame);
                out.flush();
                Thread.sleep(10);
            }
        }
        catch (IOException | InterruptedException ex) {
            // dropped, or the test ended
        }
    }

    private double drops(String reason) {
        Counter counter = this.meters.find("peersocket.drops").tags("endpoint", "/echo", "reason", reason).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private double closed(String code) {
        return this.meters.find("peersocket.connections.closed")
            .tags("endpoint", "/echo", "code", code)
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    }

}
