package io.peersocket.internal.server;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.JdkClient;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dispatch: poll} with nobody calling poll() logs one warning per endpoint; an
 * application that polls gets none.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        // A context of its own (the shutdown timeout makes it differ): its peers must not
        // stay in PollDispatchTest's.
        properties = { "peersocket.server.port=0", "peersocket.server.dispatch=poll",
                "peersocket.server.shutdown-timeout=2s" })
@ExtendWith(OutputCaptureExtension.class)
class PollWatchdogTest {

    private static final String WARNING = "PeerSocketServer.poll() has not been called";

    @Autowired
    PeerSocketServer server;

    @Autowired
    PollWatchdog watchdog;

    @LocalPeerSocketPort
    int port;

    @Test
    void peersWaitingForAPollNobodyMakesGiveOneWarningPerEndpoint(CapturedOutput output) throws Exception {
        JdkClient first = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/record"));
        JdkClient second = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/record"));
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains(WARNING));
        // Several more checks with both peers still waiting: still the one warning.
        long checks = this.watchdog.checks();
        await().atMost(Duration.ofSeconds(20)).until(() -> this.watchdog.checks() >= checks + 3);
        assertThat(count(output.getOut(), WARNING)).isEqualTo(1);
        assertThat(output.getOut()).contains(" of /record waits").contains("peersocket.server.dispatch=push");
        this.server.poll();
        first.close(1000, "");
        second.close(1000, "");
    }

    @Test
    void anApplicationThatPollsGetsNoWarning(CapturedOutput output) throws Exception {
        ScheduledExecutorService gameLoop = Executors.newSingleThreadScheduledExecutor();
        try {
            gameLoop.scheduleWithFixedDelay(this.server::poll, 0, 100, TimeUnit.MILLISECONDS);
            JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() >= 1);
            // Past the 5 s grace period, counted in the watchdog's own checks.
            long checks = this.watchdog.checks();
            await().atMost(Duration.ofSeconds(30)).until(() -> this.watchdog.checks() >= checks + 7);
            assertThat(output.getOut()).doesNotContain(" of /echo waits");
            client.close(1000, "");
        }
        finally {
            gameLoop.shutdownNow();
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

}
