package io.peersocket.server;

import java.net.URI;
import java.time.Duration;

import io.peersocket.test.JdkClient;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server's behaviour at paths of the application's own Tomcat. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "peersocket.server.extra-headers.X-Game-Server=peersocket")
class ServletTransportTest extends ServerBehaviourTests {

    @LocalServerPort
    int port;

    @Override
    boolean handlersRunOnContainerThreads() {
        return true;
    }

    @Override
    String ioThreadPrefix() {
        return "http-nio-";
    }

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + this.port + path);
    }

    @Override
    int port() {
        return this.port;
    }

    @Test
    void theContainerThreadThatReadAMessageRunsTheHandlerOfAnIdlePeer() {
        // One peer, one message at a time: its queue is always idle, so no signal is handed off.
        JdkClient client = JdkClient.connect(uri("/record"));
        try {
            for (int n = 0; n < 5; n++) {
                client.sendText("m" + n);
                int expected = n + 2;
                await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == expected);
            }
            assertThat(this.recorder.threads).hasSize(6).allMatch((name) -> name.startsWith("http-nio-"));
        }
        finally {
            client.close(1000, "");
        }
    }

}
