package io.peersocket.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.peersocket.peer.Peer;
import io.peersocket.test.JdkClient;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code peersocket.server.dispatch=poll}: nothing reaches handlers until poll(), then
 * all in order on its thread.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.dispatch=poll" })
class PollDispatchTest {

    @Autowired
    PeerSocketServer server;

    @Autowired
    TestApplication.Recorder recorder;

    @LocalPeerSocketPort
    int port;

    @Test
    void signalsWaitForPollAndRunOnThePollingThreadInArrivalOrder() throws Exception {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/record"));
        for (String text : List.of("a", "b", "c")) {
            client.sendText(text);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 1);
        Peer peer = this.server.peers().iterator().next();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.getAvailablePacketCount() == 3);
        Thread.sleep(200);
        assertThat(this.recorder.events).as("nothing before poll()").isEmpty();

        assertThat(this.server.poll()).isEqualTo(4);
        int id = peer.id();
        assertThat(this.recorder.events).containsExactly("connected " + id + " ''", "data " + id + " text a",
                "data " + id + " text b", "data " + id + " text c");
        assertThat(this.recorder.threads).containsOnly(Thread.currentThread().getName());
        assertThat(this.server.poll()).isZero();

        // Sending from the polling thread goes out at once: I/O never waits for poll().
        peer.send("from the game loop");
        assertThat(client.next().string()).isEqualTo("from the game loop");

        client.close(4000, "done");
        client.awaitClose();
        // The game loop: poll on this thread until the close has been delivered.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (this.recorder.events.size() < 6 && System.nanoTime() < deadline) {
            this.server.poll();
            Thread.sleep(10);
        }
        assertThat(this.recorder.events.subList(4, this.recorder.events.size()))
            .containsExactly("close-request " + id + " 4000 'done'", "disconnected " + id + " clean=true");
        assertThat(this.recorder.threads).containsOnly(Thread.currentThread().getName());
        assertThat(this.server.hasPeer(id)).isFalse();
    }

    @Test
    void repliesQueuedInsidePollLeaveWhenPollReturnsEvenToAnOtherwiseIdleConnection() throws Exception {
        // Inside poll() writes are queued without waking the event loops, which are woken
        // once at
        // the end: if that wake-up were missing, these replies would wait for unrelated
        // traffic.
        List<JdkClient> clients = List.of(JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo")),
                JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo")));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 2);
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).sendText("tick " + round + " from " + i);
                }
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> this.server.peers().stream().allMatch((p) -> p.getAvailablePacketCount() == 1));
                while (this.server.poll() > 0) {
                    // deliver the connects (first round) and both packets
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertThat(clients.get(i).next(Duration.ofSeconds(5)).string())
                        .isEqualTo("tick " + round + " from " + i);
                }
            }
        }
        finally {
            clients.forEach(JdkClient::abort);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!this.server.peers().isEmpty() && System.nanoTime() < deadline) {
                this.server.poll();
                Thread.sleep(10);
            }
        }
    }

}
