package io.peersocket.client;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poll mode: no client signal fires outside poll(); every one fires on the polling
 * thread, in order.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class ClientPollModeTest {

    @Autowired
    ObjectProvider<PeerSocketClientBuilder> builders;

    @LocalPeerSocketPort
    int port;

    @Test
    void signalsWaitForPollAndRunOnThePollingThread() throws Exception {
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = this.builders.getObject().dispatch(DispatchMode.POLL).listener(events).build();
        try {
            assertThat(client.connectToUrl("ws://127.0.0.1:" + this.port + "/echo")).isEqualTo(PeerError.OK);
            waitFor(() -> client.isConnected());
            Thread.sleep(200);
            assertThat(events.events).as("nothing before poll()").isEmpty();
            assertThat(client.poll()).isEqualTo(1);
            assertThat(events.events).containsExactly("established ''");

            // I/O goes on without poll(): the echo is queued on peer 1 before anything is
            // polled.
            client.getPeer(1).putPacket("one".getBytes(StandardCharsets.UTF_8));
            client.getPeer(1).send("two");
            waitFor(() -> client.getPeer(1).getAvailablePacketCount() == 2);
            Thread.sleep(200);
            assertThat(events.events).hasSize(1);

            client.disconnectFromHost(1000, "done");
            waitFor(() -> !client.isConnected());
            Thread.sleep(200);
            assertThat(events.events).hasSize(1);

            // The game loop.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (events.events.size() < 4 && System.nanoTime() < deadline) {
                client.poll();
                Thread.sleep(10);
            }
            assertThat(events.events).containsExactly("established ''", "data binary one", "data text two",
                    "closed clean=true");

            // connection_error too waits for poll().
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            assertThat(client.connectToUrl("ws://127.0.0.1:" + closedPort + "/")).isEqualTo(PeerError.OK);
            waitFor(() -> client.getConnectionStatus() == ConnectionStatus.DISCONNECTED);
            Thread.sleep(200);
            assertThat(events.events).hasSize(4);
            assertThat(client.poll()).isEqualTo(1);
            assertThat(events.events.get(4)).isEqualTo("error AnnotatedConnectException");

            assertThat(events.threads).containsOnly(Thread.currentThread().getName());
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

}
