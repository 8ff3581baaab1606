package io.peersocket.observation;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerListener;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.JdkClient;
import io.peersocket.test.RawWebSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real server with a {@link TestObservationRegistry}: a real client's handshake,
 * signals and a failing handler come out as observations with their tags, and the handler
 * sees the MDC.
 */
@SpringBootTest(classes = HandlerObservationsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class HandlerObservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TestObservationRegistry registry;

    @Autowired
    PeerSocketServer server;

    @LocalPeerSocketPort
    int port;

    @BeforeEach
    void clear() {
        this.registry.clear();
    }

    @Test
    void handshakesAndHandlerCallsAreObservedWithTheirTagsAndTheHandlerSeesTheMdc() throws Exception {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/observed"), "chat");
        client.sendText("mdc");
        // What the handler read from the MDC, as the peer received it.
        String reply = client.next(WAIT).string();
        await().atMost(WAIT).until(() -> this.server.peers().size() == 1);
        Peer peer = this.server.peers().iterator().next();
        assertThat(reply).isEqualTo("peer=" + peer.id() + " endpoint=/observed");

        client.sendText("boom");
        client.sendText("mdc");
        assertThat(client.next(WAIT).string()).isEqualTo("peer=" + peer.id() + " endpoint=/observed");
        client.close(1000, "bye");
        client.awaitClose();

        // A refused upgrade: a protocol the endpoint does not offer.
        RawWebSocket.HttpResponse refused = RawWebSocket.handshake(this.port,
                RawWebSocket.upgradeRequest(this.port, "/observed", "other"));
        assertThat(refused.statusLine()).contains("400");

        // Only this peer's calls: a peer of the test before may still be reporting its
        // end.
        String peerId = Integer.toString(peer.id());
        await().atMost(WAIT)
            .untilAsserted(() -> assertThat(tags(DefaultPeerSocketHandlerObservationConvention.NAME, peerId))
                .contains(Map.of("endpoint", "/observed", "signal", "client_disconnected", "role", "server", "outcome",
                        "success")));
        assertThat(tags(DefaultPeerSocketHandlerObservationConvention.NAME, peerId)).containsExactly(
                Map.of("endpoint", "/observed", "signal", "client_connected", "role", "server", "outcome", "success"),
                Map.of("endpoint", "/observed", "signal", "data_received", "role", "server", "outcome", "success"),
                Map.of("endpoint", "/observed", "signal", "data_received", "role", "server", "outcome", "error"),
                Map.of("endpoint", "/observed", "signal", "data_received", "role", "server", "outcome", "success"),
                Map.of("endpoint", "/observed", "signal", "client_close_request", "role", "server", "outcome",
                        "success"),
                Map.of("endpoint", "/observed", "signal", "client_disconnected", "role", "server", "outcome",
                        "success"));
        await().atMost(WAIT)
            .untilAsserted(() -> assertThat(tags(DefaultPeerSocketHandshakeObservationConvention.NAME))
                .containsExactlyInAnyOrder(
                        Map.of("endpoint", "/observed", "transport", "dedicated-port", "outcome", "accepted", "reason",
                                "none"),
                        Map.of("endpoint", "/observed", "transport", "dedicated-port", "outcome", "refused", "reason",
                                "protocol")));
        TestObservationRegistryAssert.assertThat(this.registry)
            .hasAnObservationWithAKeyValue("peer.id", Integer.toString(peer.id()));
    }

    @Test
    void theMdcIsPutBackAsItWasAroundEachCall() throws Exception {
        // Poll mode runs handlers on the application's thread: its own MDC must survive.
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/observed"), "chat");
        try {
            await().atMost(WAIT).until(() -> this.server.peers().size() == 1);
            PeerSession peer = (PeerSession) this.server.peers().iterator().next();
            PeerSocketHandlerScope scope = new PeerSocketHandlerScope(ObservationRegistry.NOOP, null, true);
            List<String> inside = new ArrayList<>();
            MDC.put(PeerSocketHandlerScope.MDC_PEER_ID, "outer");
            try {
                scope.run(peer, "test", () -> inside.add(MDC.get(PeerSocketHandlerScope.MDC_PEER_ID) + " "
                        + MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT)));
                assertThat(inside).containsExactly(peer.id() + " /observed");
                assertThat(MDC.get(PeerSocketHandlerScope.MDC_PEER_ID)).isEqualTo("outer");
                assertThat(MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT)).isNull();
            }
            finally {
                MDC.remove(PeerSocketHandlerScope.MDC_PEER_ID);
            }
        }
        finally {
            client.abort();
        }
    }

    @Test
    void withoutRegistryOrMdcAHandlerCallAllocatesNothing() throws Exception {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/observed"), "chat");
        try {
            await().atMost(WAIT).until(() -> this.server.peers().size() == 1);
            PeerSession peer = (PeerSession) this.server.peers().iterator().next();
            PeerSocketHandlerScope scope = new PeerSocketHandlerScope(ObservationRegistry.NOOP, null, false);
            Runnable callback = () -> {
            };
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
            long bytes = Long.MAX_VALUE;
            // Several rounds: the first ones may still allocate while the JIT settles.
            for (int round = 0; round < 20 && bytes > 0; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 10_000; i++) {
                    scope.run(peer, PeerSession.SIGNAL_DATA_RECEIVED, callback);
                }
                bytes = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertThat(bytes).isZero();
        }
        finally {
            client.abort();
        }
    }

    // Low-cardinality tags of every stopped observation of that name, in the order they
    // stopped.
    private List<Map<String, String>> tags(String name) {
        return tags(name, null);
    }

    // With a peer id, only the observations of that peer (its high-cardinality
    // "peer.id").
    private List<Map<String, String>> tags(String name, @Nullable String peerId) {
        List<Map<String, String>> found = new ArrayList<>();
        TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> {
            for (Observation.Context context : contexts) {
                KeyValue peer = context.getHighCardinalityKeyValue("peer.id");
                boolean ofPeer = peerId == null || (peer != null && peerId.equals(peer.getValue()));
                if (name.equals(context.getName()) && ofPeer) {
                    Map<String, String> tags = new TreeMap<>();
                    for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
                        tags.put(keyValue.getKey(), keyValue.getValue());
                    }
                    found.add(tags);
                }
            }
        });
        return found;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(App.Observed.class)
    static class App {

        @Bean
        TestObservationRegistry testObservationRegistry() {
            return TestObservationRegistry.create();
        }

        /** Answers "mdc" with what the MDC holds, throws on "boom". */
        @PacketHandler(path = "/observed", protocols = "chat")
        static class Observed implements PeerListener {

            @Override
            public void dataReceived(Peer peer) {
                String text = new String(peer.getPacket(), StandardCharsets.UTF_8);
                if (text.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                peer.send("peer=" + MDC.get(PeerSocketHandlerScope.MDC_PEER_ID) + " endpoint="
                        + MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT));
            }

        }

    }

}
