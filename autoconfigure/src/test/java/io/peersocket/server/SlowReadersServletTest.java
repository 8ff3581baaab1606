package io.peersocket.server;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.peersocket.peer.Peer;
import io.peersocket.test.JdkClient;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11: on the servlet transport each write was the container's blocking send on a
 * pool shared by every peer (as many threads as handler threads), so as many peers that
 * stopped reading as pool threads froze every other peer's output for Tomcat's 20 s send
 * timeout. Here handler-threads + 1 peers stop reading while their echoes fill the socket
 * buffers and their output limits, and a healthy peer's echoes must all come back, in
 * order, while those peers are still connected (the send-time limit is far off, so it is
 * not what frees anything).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "peersocket.server.handler-threads=2", "peersocket.server.send-time-limit=60s" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowReadersServletTest {

    static final int HANDLER_THREADS = 2;

    @LocalServerPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Test
    void peersThatStopReadingNeverDelayAHealthyPeer() throws Exception {
        List<Socket> stuck = new ArrayList<>();
        try {
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.BINARY, true, new byte[32 * 1024]);
            for (int i = 0; i < HANDLER_THREADS + 1; i++) {
                Socket socket = upgradeAndNeverRead(this.port, "/echo");
                stuck.add(socket);
                // 16 MiB of echoes: far more than the socket buffers (Linux grows a send
                // buffer
                // up to 4 MiB) and the output limit, so the output limit ends full
                OutputStream out = socket.getOutputStream();
                for (int n = 0; n < 512; n++) {
                    out.write(frame);
                }
                out.flush();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> this.server.peers().size() == stuck.size());
            Set<Peer> stuckPeers = new HashSet<>(this.server.peers());
            // Full: each has at least a whole echo waiting beyond what the sockets took.
            await().atMost(Duration.ofSeconds(30))
                .until(() -> stuckPeers.stream()
                    .allMatch((peer) -> peer.getCurrentOutboundBufferedAmount() >= 32 * 1024));

            JdkClient healthy = JdkClient.connect(uri("/echo"));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                for (int n = 0; n < 50; n++) {
                    healthy.sendText("m" + n);
                    Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                    assertThat(healthy.next(left).string()).isEqualTo("m" + n);
                }
            }
            finally {
                healthy.close(1000, "");
            }
            assertThat(stuckPeers).as("still connected and still stuck: the time limit freed nothing")
                .allMatch(Peer::isConnectedToHost)
                .allMatch((peer) -> peer.getCurrentOutboundBufferedAmount() >= 32 * 1024);
        }
        finally {
            for (Socket socket : stuck) {
                socket.close();
            }
        }
    }

    private java.net.URI uri(String path) {
        return java.net.URI.create("ws://127.0.0.1:" + this.port + path);
    }

    /**
     * Completes an upgrade on a socket with a small receive buffer, which is then never
     * read.
     */
    static Socket upgradeAndNeverRead(int port, String path) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream()
            .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = socket.getInputStream().read();
            assertThat(b).as("upgrade response").isNotNegative();
            response.append((char) b);
        }
        assertThat(response.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

}
