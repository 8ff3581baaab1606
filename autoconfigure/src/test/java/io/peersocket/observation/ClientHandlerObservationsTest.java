package io.peersocket.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.PeerSocketClients;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
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
 * A named connection's {@code @PacketHandler(client = ...)} against a real server (the
 * context's own dedicated port): each handler call comes out as a
 * {@code peersocket.handler} observation tagged {@code role=client} with the engine's
 * client signal names and its outcome, and the handler sees the client's MDC, as the
 * server received it from the handler.
 */
@SpringBootTest(classes = ClientHandlerObservationsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0",
                // Connected by the test once the port is known.
                "peersocket.client.connections.observed.url=ws://127.0.0.1:1/obs",
                "peersocket.client.connections.observed.auto-connect=false" })
class ClientHandlerObservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TestObservationRegistry registry;

    @Autowired
    PeerSocketServer server;

    @Autowired
    PeerSocketClients clients;

    @Autowired
    App.ServerSide serverSide;

    @LocalPeerSocketPort
    int port;

    @Test
    void clientHandlerCallsAreObservedWithRoleClientAndTheHandlerSeesTheMdc() throws Exception {
        PeerSocketClient client = this.clients.require("observed");
        assertThat(client.connectToUrl("ws://127.0.0.1:" + this.port + "/obs")).isEqualTo(PeerError.OK);
        // The handler's @ConnectionEstablished answer, as the server received it.
        assertThat(this.serverSide.next()).isEqualTo("hello");
        await().atMost(WAIT).until(() -> this.server.peers().size() == 1);
        Peer peer = this.server.peers().iterator().next();

        peer.send("mdc");
        assertThat(this.serverSide.next()).isEqualTo("peer=1 endpoint=/obs client=observed");
        peer.send("boom");
        peer.send("mdc");
        assertThat(this.serverSide.next()).isEqualTo("peer=1 endpoint=/obs client=observed");
        peer.close(1000, "bye");

        await().atMost(WAIT)
            .untilAsserted(() -> assertThat(clientTags()).contains(
                    Map.of("endpoint", "/obs", "signal", "connection_closed", "role", "client", "outcome", "success")));
        assertThat(clientTags()).containsExactly(
                Map.of("endpoint", "/obs", "signal", "connection_established", "role", "client", "outcome", "success"),
                Map.of("endpoint", "/obs", "signal", "data_received", "role", "client", "outcome", "success"),
                Map.of("endpoint", "/obs", "signal", "data_received", "role", "client", "outcome", "error"),
                Map.of("endpoint", "/obs", "signal", "data_received", "role", "client", "outcome", "success"),
                Map.of("endpoint", "/obs", "signal", "server_close_request", "role", "client", "outcome", "success"),
                Map.of("endpoint", "/obs", "signal", "connection_closed", "role", "client", "outcome", "success"));
        // The server's own handler calls are there too, tagged role=server.
        assertThat(tags())
            .anySatisfy((tags) -> assertThat(tags).containsEntry("role", "server").containsEntry("endpoint", "/obs"));
    }

    private List<Map<String, String>> clientTags() {
        return tags().stream().filter((tags) -> "client".equals(tags.get("role"))).toList();
    }

    // Low-cardinality tags of every stopped peersocket.handler observation, in the order
    // they stopped.
    private List<Map<String, String>> tags() {
        List<Map<String, String>> found = new ArrayList<>();
        TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> {
            for (Observation.Context context : contexts) {
                if (DefaultPeerSocketHandlerObservationConvention.NAME.equals(context.getName())) {
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
    @Import({ App.ServerSide.class, App.ClientSide.class })
    static class App {

        @Bean
        TestObservationRegistry testObservationRegistry() {
            return TestObservationRegistry.create();
        }

        /** The server end: keeps what the client sends. */
        @PacketHandler(path = "/obs")
        static class ServerSide {

            private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

            @DataReceived
            void received(String text) {
                this.received.add(text);
            }

            String next() throws InterruptedException {
                String text = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(text).as("a message from the client within " + WAIT).isNotNull();
                return text;
            }

        }

        /**
         * The named connection's handler: greets, answers "mdc" with its MDC, throws on
         * "boom".
         */
        @PacketHandler(client = "observed")
        static class ClientSide {

            @ConnectionEstablished
            String connected() {
                return "hello";
            }

            @DataReceived
            String received(String text) {
                if (text.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                return "peer=" + MDC.get(PeerSocketHandlerScope.MDC_PEER_ID) + " endpoint="
                        + MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT) + " client="
                        + MDC.get(PeerSocketClientSignalScope.MDC_CLIENT);
            }

        }

    }

}
