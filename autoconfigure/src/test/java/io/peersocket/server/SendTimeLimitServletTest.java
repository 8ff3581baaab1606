package io.peersocket.server;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code peersocket.server.send-time-limit} on the servlet transport: a peer that takes
 * nothing for the limit has its connection dropped (a close frame could not reach it) and
 * the application hears an unclean disconnect, without a close request.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "peersocket.server.send-time-limit=2s")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendTimeLimitServletTest {

    @LocalServerPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Autowired
    TestApplication.Recorder recorder;

    @Test
    void aPeerThatTakesNothingForTheLimitIsDroppedAndReportedUnclean() throws Exception {
        this.recorder.reset();
        try (Socket socket = SlowReadersServletTest.upgradeAndNeverRead(this.port, "/record")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 1);
            Peer peer = this.server.peers().iterator().next();
            // Fill the socket buffers (Linux grows a send buffer up to 4 MiB), then the
            // output limit:
            // full once a put still fails after the transport had time to write.
            byte[] packet = new byte[32 * 1024];
            PeerError result = PeerError.OK;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (result == PeerError.OK && System.nanoTime() < deadline) {
                result = peer.putPacket(packet);
                if (result != PeerError.OK) {
                    Thread.sleep(50);
                    result = peer.putPacket(packet);
                }
            }
            assertThat(result).isEqualTo(PeerError.ERR_OUT_OF_MEMORY);
            await().atMost(Duration.ofSeconds(20))
                .until(() -> this.recorder.events.contains("disconnected " + peer.id() + " clean=false"));
            assertThat(this.recorder.events).noneMatch((event) -> event.startsWith("close-request"));
            assertThat(this.server.peers()).isEmpty();
            // The server's end of the TCP connection is gone: reading what it had sent
            // ends in EOF.
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            for (int read = 0; read != -1 && total < 64L * 1024 * 1024; total += Math.max(read, 0)) {
                read = in.read(sink);
            }
            assertThat(total).isLessThan(64L * 1024 * 1024);
        }
    }

}
