package io.peersocket.server;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.test.JdkClient;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handler threads from Boot's {@code ThreadPoolTaskExecutorBuilder}:
 * {@code handler-threads} platform threads named {@code peersocket-handler-}, and
 * {@code spring.task.execution.*} customizations do not change their count; Micrometer's
 * executor meters cover the pool.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.handler-threads=2",
                "spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
                "spring.task.execution.pool.queue-capacity=1" })
class HandlerThreadsTest {

    @Autowired
    TestApplication.Recorder recorder;

    @Autowired
    MeterRegistry meters;

    @LocalPeerSocketPort
    int port;

    @Test
    void theHandlerPoolHasExecutorMetersSizedByHandlerThreads() {
        assertThat(this.meters.get("executor.pool.core").tag("name", "peersocket.handler").gauge().value())
            .isEqualTo(2);
        assertThat(this.meters.get("executor.pool.max").tag("name", "peersocket.handler").gauge().value()).isEqualTo(2);
    }

    @Test
    void handlersRunOnTheConfiguredPlatformThreadsWhateverBootsPoolSettings() throws Exception {
        this.recorder.reset();
        // Many peers at once: Boot's queue capacity of 1 would refuse tasks if it
        // applied.
        JdkClient[] clients = new JdkClient[10];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/record"));
            clients[i].sendText("hello " + i);
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.dataByPeer.size() == clients.length);
            assertThat(this.recorder.threads).allMatch((name) -> name.startsWith("peersocket-handler-"));
            assertThat(this.recorder.threads.stream().distinct().count()).isLessThanOrEqualTo(2);
        }
        finally {
            for (JdkClient client : clients) {
                client.abort();
            }
        }
    }

}
