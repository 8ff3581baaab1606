package io.peersocket.actuate;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.test.JdkClient;
import io.peersocket.test.RawWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown of a running application with peers connected: closing the context
 * closes every peer with 1001, health reads OUT_OF_SERVICE while the server drains, new
 * peers are refused, and a peer that cannot take its close frame (it reads nothing while
 * the server has a full output queue for it) holds the drain only until the shutdown
 * timeout, then is dropped and counted.
 */
abstract class ShutdownTests {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * @return properties that choose the transport
     */
    abstract String[] transportProperties();

    /**
     * @return the port the WebSocket endpoints are served on
     */
    abstract int wsPort(ConfigurableApplicationContext context);

    /**
     * A context that is stopped and started again (the test framework pauses the cached
     * contexts it does not use; an application may call stop() and start()) serves new
     * peers again: health UP and an upgrade answered, not the 503 of a server still
     * draining.
     */
    @Test
    void aContextStoppedAndStartedAgainServesNewPeers() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OpsTestApplication.class)
            .properties("server.port=0", "peersocket.server.shutdown-timeout=" + TIMEOUT.toMillis() + "ms",
                    "management.endpoints.web.exposure.include=health,peersocket",
                    "management.endpoint.health.show-details=always")
            .properties(transportProperties())
            .run()) {
            JdkClient before = JdkClient.connect(URI.create("ws://127.0.0.1:" + wsPort(context) + "/ops"));
            assertThat(before.next().string()).startsWith("id:");
            context.stop();
            assertThat(before.awaitClose().code()).isEqualTo(1001);
            context.start();
            int webPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            assertThat(new Actuator(webPort).json("/health/peersocket").get("status").asString()).isEqualTo("UP");
            JdkClient after = JdkClient.connect(URI.create("ws://127.0.0.1:" + wsPort(context) + "/ops"));
            assertThat(after.next().string()).startsWith("id:");
            after.abort();
        }
    }

    @Test
    void shutdownClosesPeersWith1001ReportsOutOfServiceAndEndsWithinTheTimeout() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OpsTestApplication.class)
            .properties("server.port=0", "peersocket.server.shutdown-timeout=" + TIMEOUT.toMillis() + "ms",
                    "management.endpoints.web.exposure.include=health,peersocket",
                    "management.endpoint.health.show-details=always")
            .properties(transportProperties())
            .run();
        boolean closed = false;
        List<JdkClient> clients = new ArrayList<>();
        Thread poller = null;
        try {
            int webPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            int wsPort = wsPort(context);
            URI ops = URI.create("ws://127.0.0.1:" + wsPort + "/ops");
            Actuator actuator = new Actuator(webPort);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            OpsTestApplication.Flood flood = context.getBean(OpsTestApplication.Flood.class);

            for (int i = 0; i < 5; i++) {
                JdkClient client = JdkClient.connect(ops);
                assertThat(client.next().string()).startsWith("id:");
                clients.add(client);
            }
            RawWebSocket stuck = RawWebSocket.handshake(wsPort, RawWebSocket.upgradeRequest(wsPort, "/flood"), 4096)
                .webSocket();
            stuck.sendText("go");
            await().atMost(Duration.ofSeconds(70)).untilTrue(flood.stuck);
            assertThat(actuator.json("/health/peersocket").get("status").asString()).isEqualTo("UP");

            // An operator's probe during the drain: health, and a peer that tries to
            // join.
            List<String> statuses = new CopyOnWriteArrayList<>();
            AtomicReference<String> lateJoiner = new AtomicReference<>("not tried");
            AtomicBoolean polling = new AtomicBoolean(true);
            poller = new Thread(() -> {
                while (polling.get()) {
                    try {
                        HttpResponse<String> health = actuator.get("/health/peersocket");
                        String status = Actuator.parse(health.body()).get("status").asString();
                        statuses.add(health.statusCode() + " " + status);
                        if ("OUT_OF_SERVICE".equals(status) && "not tried".equals(lateJoiner.get())) {
                            try {
                                JdkClient.connect(ops).abort();
                                lateJoiner.set("accepted");
                            }
                            catch (RuntimeException ex) {
                                lateJoiner.set("refused");
                            }
                        }
                        Thread.sleep(20);
                    }
                    catch (Throwable ex) {
                        statuses.add("unreachable");
                        return; // the web server has stopped
                    }
                }
            }, "health-poller");
            poller.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> !statuses.isEmpty());

            long start = System.nanoTime();
            context.close();
            closed = true;
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            polling.set(false);

            for (JdkClient client : clients) {
                JdkClient.Close close = client.awaitClose();
                assertThat(close.code()).isEqualTo(1001);
                assertThat(close.reason()).isEqualTo("Server shutting down");
            }
            assertThat(statuses).as("health during the drain").contains("503 OUT_OF_SERVICE");
            assertThat(statuses.get(0)).isEqualTo("200 UP");
            assertThat(lateJoiner.get()).as("a peer joining during the drain").isEqualTo("refused");
            // The stuck peer held the drain for the whole timeout; then everything ended
            // promptly.
            assertThat(elapsedMs).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 100);
            // Bounded, not timed: well below the flood's own 60 s, so a drain that
            // ignored the timeout
            // fails, with room for a loaded machine to stop Tomcat and the event loops
            // slowly.
            assertThat(elapsedMs).as("context close time").isLessThan(TIMEOUT.toMillis() + 20_000);
            assertThat(registry.get(PeerSocketMetrics.SHUTDOWN_DROPPED).tag("endpoint", "/flood").counter().count())
                .isEqualTo(1);
            assertThat(registry.find(PeerSocketMetrics.SHUTDOWN_DROPPED).tag("endpoint", "/ops").counter().count())
                .isZero();
            stuck.close();
            System.out.println("Shutdown with peers connected took " + elapsedMs + " ms (timeout " + TIMEOUT.toMillis()
                    + " ms); health seen: " + statuses.stream().distinct().toList());
        }
        finally {
            clients.forEach(JdkClient::abort);
            if (!closed) {
                context.close();
            }
            if (poller != null) {
                poller.join(5000);
            }
        }
    }

}
