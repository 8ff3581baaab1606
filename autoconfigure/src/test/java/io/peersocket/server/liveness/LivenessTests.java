package io.peersocket.server.liveness;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.peersocket.server.PeerSocketServer;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.test.Godot;
import io.peersocket.test.PeerProcess;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pings and the idle timeout after the upgrade, with real peers: a Godot 3.2.3 client
 * that idles (and answers pings by itself) stays, while raw sockets that go silent or
 * stop in the middle of a frame are dropped, reported unclean with the reason, counted,
 * and their ids released. The same tests run on both transports (see the subclasses),
 * with a ping every 200 ms and an idle timeout of 1 s.
 */
abstract class LivenessTests {

    static final String PROPERTIES_PING = "peersocket.server.ping-interval=200ms";

    static final String PROPERTIES_IDLE = "peersocket.server.idle-timeout=1s";

    // Bounded waits, far above the 1 s timeout (plus a quarter of it for the sweep) on a
    // busy machine.
    static final Duration DROPPED_WITHIN = Duration.ofSeconds(15);

    @Autowired
    PeerSocketServer server;

    @Autowired
    TestApplication.Recorder recorder;

    @Autowired
    Observed observed;

    abstract int port();

    @BeforeEach
    void reset() {
        this.recorder.reset();
        this.observed.reset();
    }

    @Test
    void aPeerThatAnswersPingsStaysConnected() throws IOException {
        try (RawWebSocket socket = RawWebSocket.connect(port(), "/record")) {
            int id = awaitConnectedPeer();
            // Three idle timeouts' worth of pings, each answered and nothing else sent.
            int pings = 0;
            while (pings < 15) {
                RawWebSocket.Frame frame = socket.readFrame();
                assertThat(frame.opcode()).as("only pings come unasked").isEqualTo(RawWebSocket.PING);
                socket.sendFrame(true, 0, RawWebSocket.PONG, true, frame.payload());
                pings++;
            }
            assertThat(this.server.hasPeer(id)).isTrue();
            assertThat(this.observed.idleTimeouts.get()).isZero();
            socket.sendText("still here");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> this.recorder.events.contains("data " + id + " text still here"));
        }
    }

    @Test
    void aSilentPeerIsDroppedUnclean() throws IOException {
        try (RawWebSocket socket = RawWebSocket.connect(port(), "/record")) {
            int id = awaitConnectedPeer();
            // Reads (and ignores) the pings, answers nothing: the server must end the
            // connection.
            assertEndOfStream(socket);
            assertDroppedAsIdle(id);
        }
    }

    @Test
    void aPeerThatStallsOneByteShortOfAFrameIsDropped() throws IOException {
        try (RawWebSocket socket = RawWebSocket.connect(port(), "/record")) {
            int id = awaitConnectedPeer();
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.BINARY, true, new byte[64 * 1024]);
            socket.sendRaw(java.util.Arrays.copyOf(frame, frame.length - 1));
            assertEndOfStream(socket);
            assertDroppedAsIdle(id);
            assertThat(this.recorder.dataByPeer).doesNotContainKey(id);
        }
    }

    @Test
    void aPeerThatTricklesAFrameIsDropped() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(port(), "/record")) {
            int id = awaitConnectedPeer();
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.TEXT, true, "never complete".getBytes());
            // A byte every 100 ms, well inside the timeout each, never a whole frame in 1
            // s.
            for (int i = 0; i < frame.length - 1 && this.server.hasPeer(id); i++) {
                try {
                    socket.sendRaw(new byte[] { frame[i] });
                }
                catch (IOException ex) {
                    break; // dropped meanwhile
                }
                Thread.sleep(100);
            }
            await().atMost(DROPPED_WITHIN).until(() -> !this.server.hasPeer(id));
            assertDroppedAsIdle(id);
        }
    }

    @Test
    void aGodotClientThatIdlesStaysConnectedWhileASilentSocketIsDropped() throws Exception {
        Godot.assumeInstalled();
        try (PeerProcess godot = Godot.start("idle", "idle_client.gd",
                Map.of("IDLE_URL", "ws://127.0.0.1:" + port() + "/echo", "IDLE_SECONDS", "4"))) {
            // Godot first: its start may take longer than the idle timeout on a loaded
            // machine.
            godot.awaitLine("CONNECTED"::equals, Duration.ofSeconds(30));
            try (RawWebSocket silent = RawWebSocket.connect(port(), "/record")) {
                // From the signal, not from the open peers: the silent one may be gone
                // already.
                await().atMost(Duration.ofSeconds(10)).until(() -> !this.recorder.events.isEmpty());
                int silentId = Integer.parseInt(this.recorder.events.get(0).split(" ")[1]);
                assertEndOfStream(silent);
                assertDroppedAsIdle(silentId);
            }
            // Four idle timeouts later Godot is still connected: its message is echoed.
            String result = godot.awaitLine((line) -> line.startsWith("RESULT"), Duration.ofSeconds(60));
            assertThat(godot.lines()).as("Godot's output")
                .contains("ECHO still here")
                .doesNotContain("DISCONNECTED False");
            assertThat(result).isEqualTo("RESULT ok");
            assertThat(this.observed.idleTimeouts.get()).isEqualTo(1);
        }
    }

    @Test
    void hundredsOfPeersStalledMidFrameAreAllDropped() throws Exception {
        int count = stalledPeers();
        long before = memoryInUse();
        List<RawWebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                RawWebSocket socket = RawWebSocket.connect(port(), "/record");
                sockets.add(socket);
                byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.BINARY, true, new byte[64 * 1024]);
                socket.sendRaw(java.util.Arrays.copyOf(frame, frame.length - 1));
            }
            stalled(before);
            await().atMost(Duration.ofSeconds(60)).until(() -> this.observed.idleTimeouts.get() >= count);
            await().atMost(Duration.ofSeconds(30)).until(() -> this.server.peers().isEmpty());
            await().atMost(Duration.ofSeconds(30))
                .until(() -> this.recorder.events.stream()
                    .filter((e) -> e.startsWith("disconnected ") && e.endsWith("clean=false"))
                    .count() == count);
            assertThat(this.observed.closes)
                .filteredOn(new CloseInfo(CloseInfo.ABNORMAL, "idle timeout", false, false)::equals)
                .hasSize(count);
            for (RawWebSocket socket : sockets) {
                assertEndOfStream(socket);
            }
            assertMemoryReturned(before);
        }
        finally {
            for (RawWebSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * @return how many stalled peers
     * {@link #hundredsOfPeersStalledMidFrameAreAllDropped()} opens
     */
    int stalledPeers() {
        return 300;
    }

    /**
     * @return the memory the transport holds for its connections now, for
     * {@link #assertMemoryReturned(long)}
     */
    long memoryInUse() {
        return 0;
    }

    /** Checks what the stalled peers hold before the timeout; nothing by default. */
    void stalled(long before) {
    }

    /** Checks that what the stalled peers held is free again; nothing by default. */
    void assertMemoryReturned(long before) {
    }

    int awaitConnectedPeer() {
        AtomicInteger id = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (String event : this.recorder.events) {
                if (event.startsWith("connected ")) {
                    int peer = Integer.parseInt(event.split(" ")[1]);
                    if (this.server.hasPeer(peer) && id.compareAndSet(0, peer)) {
                        return true;
                    }
                }
            }
            return false;
        });
        return id.get();
    }

    static void assertEndOfStream(RawWebSocket socket) {
        long deadline = System.nanoTime() + DROPPED_WITHIN.toNanos();
        // Each read waits up to the socket's read timeout; pings are read and ignored.
        while (System.nanoTime() < deadline) {
            try {
                socket.readFrame();
            }
            catch (SocketTimeoutException ex) {
                // nothing yet: read on
            }
            catch (IOException ex) {
                return; // end of stream, or reset
            }
        }
        throw new AssertionError("The server did not end the connection within " + DROPPED_WITHIN);
    }

    void assertDroppedAsIdle(int id) {
        await().atMost(DROPPED_WITHIN)
            .until(() -> this.recorder.events.contains("disconnected " + id + " clean=false"));
        assertThat(this.server.hasPeer(id)).as("id released").isFalse();
        assertThat(this.observed.idleTimeouts.get()).isGreaterThanOrEqualTo(1);
        assertThat(this.observed.closes).contains(new CloseInfo(CloseInfo.ABNORMAL, "idle timeout", false, false));
    }

    /** Records what the core reports of idle timeouts and closes. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ObserverConfiguration {

        @Bean
        Observed livenessObserver() {
            return new Observed();
        }

    }

    static final class Observed implements PeerSocketObserver {

        final AtomicInteger idleTimeouts = new AtomicInteger();

        final List<CloseInfo> closes = new CopyOnWriteArrayList<>();

        final Map<String, AtomicInteger> idleByPath = new ConcurrentHashMap<>();

        @Override
        public void idleTimedOut(String path) {
            this.idleTimeouts.incrementAndGet();
            this.idleByPath.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void closed(String path, CloseInfo close) {
            if ("/record".equals(path)) {
                this.closes.add(close);
            }
        }

        void reset() {
            this.idleTimeouts.set(0);
            this.closes.clear();
            this.idleByPath.clear();
        }

    }

}
