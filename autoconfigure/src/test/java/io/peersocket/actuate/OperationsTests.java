package io.peersocket.actuate;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.peersocket.test.JdkClient;
import io.peersocket.test.RawWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meters, health and the {@code peersocket} endpoint of a running application, read over
 * HTTP the way an operator reads them, while real sockets connect and close. The same
 * tests run on the dedicated Reactor Netty port and on the application's Tomcat (see the
 * subclasses).
 */
abstract class OperationsTests {

    @LocalServerPort
    int webPort;

    @Autowired
    OpsTestApplication.Flood flood;

    Actuator actuator;

    /**
     * @return the port the WebSocket endpoints are served on
     */
    abstract int wsPort();

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + wsPort() + path);
    }

    @BeforeEach
    void actuator() {
        this.actuator = new Actuator(this.webPort);
    }

    @Test
    void fiftyPeersTwentyClosedMetersAndEndpointAgreeWithWhatHappened() {
        int count = 50;
        List<JdkClient> clients = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        long textIn = 0;
        long binaryIn = 0;
        long idBytes = 0;
        try {
            for (int i = 0; i < count; i++) {
                JdkClient client = JdkClient.connect(uri("/ops"));
                String hello = client.next().string();
                assertThat(hello).startsWith("id:");
                ids.add(Integer.parseInt(hello.substring(3)));
                idBytes += hello.getBytes(StandardCharsets.UTF_8).length;
                clients.add(client);
            }
            for (int i = 0; i < count; i++) {
                String text = "text from peer " + i + " é";
                byte[] binary = new byte[i + 1];
                clients.get(i).sendText(text);
                clients.get(i).sendBinary(binary);
                textIn += text.getBytes(StandardCharsets.UTF_8).length;
                binaryIn += binary.length;
                assertThat(clients.get(i).next().string()).isEqualTo(text);
                assertThat(clients.get(i).next().data()).hasSize(i + 1);
            }
            // Peers 0-9 close cleanly, peers 10-19 drop their TCP connection; 20-49 stay.
            for (int i = 0; i < 10; i++) {
                clients.get(i).close(1000, "done");
                assertThat(clients.get(i).awaitClose().code()).isEqualTo(1000);
                clients.get(10 + i).abort();
            }

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(metric("peersocket.peers.open", "role:server")).isEqualTo(30);
                assertThat(metric("peersocket.connections.closed", "clean:true")).isEqualTo(10);
                assertThat(metric("peersocket.connections.closed", "clean:false")).isEqualTo(10);
            });
            assertThat(metric("peersocket.connections.opened")).isEqualTo(50);
            assertThat(metric("peersocket.connections.closed", "clean:true", "code:1000")).isEqualTo(10);
            assertThat(metric("peersocket.connections.closed", "clean:false", "code:1006")).isEqualTo(10);
            assertThat(metric("peersocket.packets.in", "mode:text")).isEqualTo(50);
            assertThat(metric("peersocket.packets.in", "mode:binary")).isEqualTo(50);
            assertThat(metric("peersocket.bytes.in", "mode:text")).isEqualTo(textIn);
            assertThat(metric("peersocket.bytes.in", "mode:binary")).isEqualTo(binaryIn);
            // Out: each peer's id message and the echo of its text, and the echo of its
            // binary.
            long expectedTextOut = idBytes + textIn;
            long expectedBinaryOut = binaryIn;
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(metric("peersocket.packets.out", "mode:text")).isEqualTo(100);
                assertThat(metric("peersocket.bytes.out", "mode:text")).isEqualTo(expectedTextOut);
            });
            assertThat(metric("peersocket.packets.out", "mode:binary")).isEqualTo(50);
            assertThat(metric("peersocket.bytes.out", "mode:binary")).isEqualTo(expectedBinaryOut);
            assertThat(metric("peersocket.drops")).isNaN();

            // The endpoint lists exactly the 30 open peers.
            Set<Integer> open = new HashSet<>(ids.subList(20, 50));
            JsonNode listing = this.actuator.json("/peersocket");
            assertThat(listing.get("count").asInt()).isEqualTo(30);
            Map<Integer, JsonNode> listed = new HashMap<>();
            listing.get("peers").forEach((peer) -> listed.put(peer.get("id").asInt(), peer));
            assertThat(listed.keySet()).isEqualTo(open);
            for (JsonNode peer : listed.values()) {
                assertThat(peer.get("endpoint").asString()).isEqualTo("/ops");
                assertThat(peer.get("address").asString()).isEqualTo("127.0.0.1");
                assertThat(peer.get("port").asInt()).isPositive();
                assertThat(peer.get("protocol").asString()).isEmpty();
                assertThat(Instant.parse(peer.get("connectedSince").asString())).isBefore(Instant.now().plusSeconds(1));
                assertThat(peer.get("queuedIn").get("bytes").asInt()).isZero();
                assertThat(peer.get("queuedOut").get("packets").asInt()).isZero();
            }
            int oneId = ids.get(20);
            assertThat(this.actuator.json("/peersocket/" + oneId).get("id").asInt()).isEqualTo(oneId);
            assertThat(this.actuator.get("/peersocket/" + ids.get(0)).statusCode()).isEqualTo(404);

            // Its disconnect operation closes the named peer, which sees the code and
            // reason.
            int kicked = ids.get(25);
            HttpResponse<String> bad = this.actuator.delete("/peersocket/" + kicked + "?code=1005");
            assertThat(bad.statusCode()).isEqualTo(400);
            HttpResponse<String> unknown = this.actuator.delete("/peersocket/" + ids.get(0) + "?code=4000");
            assertThat(unknown.statusCode()).isEqualTo(404);
            HttpResponse<String> done = this.actuator
                .delete("/peersocket/" + kicked + "?code=4001&reason=kicked%20by%20ops");
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(Actuator.parse(done.body()).get("code").asInt()).isEqualTo(4001);
            JdkClient.Close close = clients.get(25).awaitClose();
            assertThat(close.code()).isEqualTo(4001);
            assertThat(close.reason()).isEqualTo("kicked by ops");
            for (int i = 20; i < 50; i++) {
                if (i != 25) {
                    assertThat(clients.get(i).closeFuture()).isNotDone();
                }
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(metric("peersocket.peers.open")).isEqualTo(29);
                assertThat(this.actuator.json("/peersocket").get("count").asInt()).isEqualTo(29);
            });
            assertThat(metric("peersocket.connections.closed", "code:4xxx", "clean:true")).isEqualTo(1);
        }
        finally {
            clients.forEach(JdkClient::abort);
        }
    }

    @Test
    void dropsAreCountedWhenAPeersOutputLimitIsFull() throws Exception {
        RawWebSocket.HttpResponse upgrade = RawWebSocket.handshake(wsPort(),
                RawWebSocket.upgradeRequest(wsPort(), "/flood"), 4096);
        assertThat(upgrade.status()).isEqualTo(101);
        try (RawWebSocket peer = upgrade.webSocket()) {
            peer.sendText("go");
            await().atMost(Duration.ofSeconds(70)).untilTrue(this.flood.stuck);
            assertThat(this.flood.accepted.get()).isPositive();
            assertThat(this.flood.refused.get()).isPositive();
            await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                        this.actuator.metric("peersocket.drops", "endpoint:/flood", "reason:output-full"))
                    .isEqualTo(this.flood.refused.get()));
            System.out.println("Output limit full after " + this.flood.accepted.get() + " packets of 16 KiB; "
                    + this.flood.refused.get() + " refused and counted as drops");
        }
    }

    @Test
    void refusedHandshakesAreCountedByReason() throws Exception {
        // A refused upgrade leaves no WebSocket open (handshake closes the socket).
        assertThat(
                RawWebSocket.handshake(wsPort(), RawWebSocket.upgradeRequest(wsPort(), "/chat", "other-v2")).status())
            .isEqualTo(400);
        assertThat(RawWebSocket.handshake(wsPort(), RawWebSocket.upgradeRequest(wsPort(), "/chat")).status())
            .isEqualTo(400);
        assertThat(RawWebSocket
            .handshake(wsPort(), RawWebSocket.withHeaders(RawWebSocket.upgradeRequest(wsPort(), "/chat", "chat-v1"),
                    "Origin: http://evil.example"))
            .status()).isEqualTo(403);
        RawWebSocket.HttpResponse fine = RawWebSocket.handshake(wsPort(),
                RawWebSocket.upgradeRequest(wsPort(), "/chat", "chat-v1"));
        try (RawWebSocket open = fine.webSocket()) {
            assertThat(fine.status()).isEqualTo(101);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(this.actuator.metric("peersocket.handshakes.refused", "endpoint:/chat", "reason:protocol"))
                .isEqualTo(2);
            assertThat(this.actuator.metric("peersocket.handshakes.refused", "endpoint:/chat", "reason:origin"))
                .isEqualTo(1);
            assertThat(this.actuator.metric("peersocket.connections.opened", "endpoint:/chat"))
                .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void handlerErrorsAndHandlerTimeAreMeasured() {
        JdkClient client = JdkClient.connect(uri("/fail"));
        try {
            client.sendText("boom");
            client.sendText("boom again");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(this.actuator.metric("peersocket.handler.errors", "endpoint:/fail",
                        "exception:IllegalStateException"))
                    .isEqualTo(2);
                // client_connected and two data_received, each timed
                assertThat(this.actuator.metric("peersocket.handler.time", "endpoint:/fail")).isEqualTo(3);
            });
        }
        finally {
            client.abort();
        }
    }

    @Test
    void healthShowsTheServerUpWithItsPortPathsProtocolsAndPeers() {
        JdkClient client = JdkClient.connect(uri("/chat"), "chat-v1");
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode health = this.actuator.json("/health/peersocket");
                assertThat(health.get("status").asString()).isEqualTo("UP");
                JsonNode details = health.get("details");
                assertThat(details.get("listening").asBoolean()).isTrue();
                assertThat(details.get("draining").asBoolean()).isFalse();
                assertThat(details.get("port").asInt()).isEqualTo(wsPort());
                List<String> paths = new ArrayList<>();
                details.get("paths").forEach((path) -> paths.add(path.asString()));
                assertThat(paths).contains("/ops", "/flood", "/chat", "/fail");
                assertThat(details.get("protocols").get("/chat").get(0).asString()).isEqualTo("chat-v1");
                assertThat(details.get("protocols").get("/ops")).isEmpty();
                assertThat(details.get("openPeers").asInt()).isGreaterThanOrEqualTo(1);
            });
            assertThat(this.actuator.json("/health").get("status").asString()).isEqualTo("UP");
        }
        finally {
            client.abort();
        }
    }

    private double metric(String name, String... tags) {
        String[] all = new String[tags.length + 1];
        all[0] = "endpoint:/ops";
        System.arraycopy(tags, 0, all, 1, tags.length);
        return this.actuator.metric(name, all);
    }

}
