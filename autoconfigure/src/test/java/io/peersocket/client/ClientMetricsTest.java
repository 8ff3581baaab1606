package io.peersocket.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.actuate.PeerSocketMetrics;
import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client built from the context's builder, against the context's own server: its
 * traffic is counted under the server's meter names tagged {@code role=client}, and the
 * server's meters ({@code role=server}) count only the server's side.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class ClientMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ObjectProvider<PeerSocketClientBuilder> builders;

    @Autowired
    MeterRegistry meters;

    @LocalPeerSocketPort
    int port;

    @Test
    void aBuiltClientsTrafficIsCountedWithRoleClient() {
        // The context (and its registry) may be shared with other tests: compare with
        // what was there.
        double opened = count(PeerSocketMetrics.CONNECTIONS_OPENED, "client");
        double sent = count(PeerSocketMetrics.PACKETS_OUT, "client");
        double received = count(PeerSocketMetrics.PACKETS_IN, "client");
        double bytesSent = count(PeerSocketMetrics.BYTES_OUT, "client");
        double closed = count(PeerSocketMetrics.CONNECTIONS_CLOSED, "client");
        double serverReceived = count(PeerSocketMetrics.PACKETS_IN, "server");

        RecordingListener events = new RecordingListener();
        PeerSocketClient client = this.builders.getObject().name("metered").listener(events).build();
        try {
            assertThat(client.connectToUrl("ws://127.0.0.1:" + this.port + "/echo")).isEqualTo(PeerError.OK);
            events.awaitEvent("established ''");
            assertThat(gauge(PeerSocketMetrics.PEERS_OPEN, "client")).isEqualTo(1);
            client.getPeer(1).putPacket("one".getBytes(StandardCharsets.UTF_8));
            client.getPeer(1).putPacket("two!".getBytes(StandardCharsets.UTF_8));
            events.awaitEvent("data binary one");
            events.awaitEvent("data binary two!");
            client.disconnectFromHost(1000, "done");
            events.awaitEvent("closed clean=true");
        }
        finally {
            client.shutdown(WAIT);
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count(PeerSocketMetrics.CONNECTIONS_OPENED, "client") - opened).isEqualTo(1);
            assertThat(count(PeerSocketMetrics.PACKETS_OUT, "client") - sent).isEqualTo(2);
            assertThat(count(PeerSocketMetrics.PACKETS_IN, "client") - received).isEqualTo(2);
            assertThat(count(PeerSocketMetrics.BYTES_OUT, "client") - bytesSent).isEqualTo(7);
            assertThat(count(PeerSocketMetrics.CONNECTIONS_CLOSED, "client") - closed).isEqualTo(1);
            assertThat(gauge(PeerSocketMetrics.PEERS_OPEN, "client")).isZero();
            // The server counted its own side once: the client's traffic is not fed to
            // its meters.
            assertThat(count(PeerSocketMetrics.PACKETS_IN, "server") - serverReceived).isEqualTo(2);
        });
    }

    private double count(String name, String role) {
        return this.meters.find(name)
            .tags("role", role, "endpoint", "/echo")
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    }

    private double gauge(String name, String role) {
        Gauge gauge = this.meters.find(name).tags("role", role, "endpoint", "/echo").gauge();
        return (gauge != null) ? gauge.value() : 0;
    }

}
