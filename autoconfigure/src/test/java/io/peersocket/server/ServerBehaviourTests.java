package io.peersocket.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.test.JdkClient;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the server must do whatever its transport: the same tests run on the dedicated
 * Reactor Netty port and on the application's Tomcat (see the two subclasses).
 */
abstract class ServerBehaviourTests {

    @Autowired
    PeerSocketServer server;

    @Autowired
    TestApplication.Recorder recorder;

    @Autowired
    TestApplication.NonBlockingEcho nonBlockingEcho;

    /**
     * @return the ws:// URI of a path on the transport under test
     */
    abstract URI uri(String path);

    /**
     * @return the TCP port of the transport under test
     */
    abstract int port();

    /**
     * @return whether handlers may run on the container's request threads (the servlet
     * transport: its thread that read a peer's message runs the peer's handler when
     * nothing else is queued)
     */
    boolean handlersRunOnContainerThreads() {
        return false;
    }

    /**
     * @return whether a ping the peer sends right after our close frame leaves the close
     * clean. Not on Tomcat: it answers that ping itself, its pong fails on the closed
     * output, and it drops the connection before the peer's own close frame is read (see
     * server.md, Closing).
     */
    boolean lateControlFramesKeepCloseClean() {
        return true;
    }

    /**
     * @return how the names of the threads that read the transport's sockets begin
     */
    String ioThreadPrefix() {
        return "reactor-http-";
    }

    /**
     * @return the bytes the transport holds in buffers of its own (the dedicated port's
     * Netty direct memory), or -1 when it keeps no such account
     */
    long transportBufferBytes() {
        return -1;
    }

    /**
     * @return how often the transport paused reading from a peer of {@code /echo} whose
     * socket did not take writes, or -1 where it is not counted (Tomcat simply blocks on
     * the write)
     */
    long readPauses() {
        return -1;
    }

    @BeforeEach
    void reset() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
        this.recorder.reset();
        this.nonBlockingEcho.reset();
    }

    @Test
    void echoesTextAsTextAndBinaryByteForByte() {
        JdkClient client = JdkClient.connect(uri("/echo"));
        client.sendText("héllo");
        JdkClient.Message text = client.next();
        assertThat(text.text()).isTrue();
        assertThat(text.string()).isEqualTo("héllo");
        byte[] bytes = { 0, (byte) 0xff, (byte) 0xfe, 1, (byte) 0x80 };
        client.sendBinary(bytes);
        JdkClient.Message binary = client.next();
        assertThat(binary.text()).isFalse();
        assertThat(binary.data()).isEqualTo(bytes);
        client.close(1000, "");
        client.awaitClose();
    }

    @Test
    void cleanCloseFromThePeerIsAReportedRequestThenACleanDisconnect() {
        JdkClient client = JdkClient.connect(uri("/record"));
        client.sendText("one");
        client.close(4000, "bye");
        assertThat(client.awaitClose().code()).isEqualTo(4000);
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 4);
        int id = idOf(this.recorder.events.get(0));
        assertThat(this.recorder.events).containsExactly("connected " + id + " ''", "data " + id + " text one",
                "close-request " + id + " 4000 'bye'", "disconnected " + id + " clean=true");
        assertThat(this.server.hasPeer(id)).isFalse();
    }

    @Test
    void droppedConnectionIsAnUncleanDisconnectWithoutCloseRequest() {
        JdkClient client = JdkClient.connect(uri("/record"));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 1);
        client.abort();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 2);
        int id = idOf(this.recorder.events.get(0));
        assertThat(this.recorder.events.get(1)).isEqualTo("disconnected " + id + " clean=false");
    }

    @Test
    void disconnectPeerSendsCodeAndReasonAndEndsCleanWithoutCloseRequest() {
        JdkClient client = JdkClient.connect(uri("/record"));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 1);
        int id = idOf(this.recorder.events.get(0));
        assertThat(this.server.hasPeer(id)).isTrue();
        assertThat(this.server.getPeerAddress(id)).isEqualTo("127.0.0.1");
        assertThat(this.server.getPeerPort(id)).isPositive();
        this.server.disconnectPeer(id, 4001, "kicked");
        assertThat(client.awaitClose()).isEqualTo(new JdkClient.Close(4001, "kicked"));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 2);
        assertThat(this.recorder.events.get(1)).isEqualTo("disconnected " + id + " clean=true");
    }

    @Test
    void aPeerThatNeverAnswersOurCloseFrameEndsUnclean() throws Exception {
        try (RawWebSocket peer = RawWebSocket.connect(port(), "/record")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 1);
            int id = idOf(this.recorder.events.get(0));
            // The peer reads nothing: our close frame is written, but only into the
            // kernel's buffers.
            this.server.disconnectPeer(id, 4001, "kicked");
            await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 2);
            assertThat(this.recorder.events.get(1)).isEqualTo("disconnected " + id + " clean=false");
            RawWebSocket.Frame close = peer.readClose();
            assertThat(close.closeCode()).isEqualTo(4001);
            assertThat(peer.awaitEndOfStream()).isTrue();
        }
    }

    @Test
    void aPeerThatAnswersOurCloseFrameEndsClean() throws Exception {
        try (RawWebSocket peer = RawWebSocket.connect(port(), "/record")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 1);
            int id = idOf(this.recorder.events.get(0));
            this.server.disconnectPeer(id, 4001, "kicked");
            assertThat(peer.readClose().closeCode()).isEqualTo(4001);
            // Still sending when our close came: that ping and message are dropped
            // (nothing follows
            // our close frame, not even a pong), the answer completes the close.
            if (lateControlFramesKeepCloseClean()) {
                peer.sendFrame(true, 0, RawWebSocket.PING, true,
                        "late ping".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            peer.sendText("late");
            peer.sendClose(4001, "");
            assertThatThrownBy(peer::readFrame).as("nothing after our close frame")
                .isInstanceOf(java.io.EOFException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 2);
            assertThat(this.recorder.events).containsExactly("connected " + id + " ''",
                    "disconnected " + id + " clean=true");
        }
    }

    @Test
    void peerIdsAreRandomPositiveAndNeverZeroOrOne() {
        List<JdkClient> clients = IntStream.range(0, 20).mapToObj((i) -> JdkClient.connect(uri("/record"))).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 20);
        assertThat(this.server.peers()).extracting(Peer::id).doesNotHaveDuplicates().allMatch((id) -> id > 1);
        clients.forEach((c) -> c.close(1000, ""));
    }

    @Test
    void pushModeKeepsOrderPerPeerAndNeverRunsTwoSignalsOfOnePeerAtOnce() throws Exception {
        this.recorder.slowEveryNth = 50;
        int peers = 20;
        int messages = 300;
        List<JdkClient> clients = IntStream.range(0, peers).mapToObj((i) -> JdkClient.connect(uri("/record"))).toList();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (JdkClient client : clients) {
            senders.submit(() -> IntStream.range(0, messages).forEach((n) -> client.sendText(Integer.toString(n))));
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.recorder.dataByPeer.values().stream().mapToInt(List::size).sum() == peers * messages);
        List<String> expected = IntStream.range(0, messages).mapToObj(Integer::toString).toList();
        assertThat(this.recorder.dataByPeer).hasSize(peers);
        this.recorder.dataByPeer.values().forEach((received) -> assertThat(received).isEqualTo(expected));
        assertThat(this.recorder.overlaps).hasValue(0);
        clients.forEach((c) -> c.close(1000, ""));
        assertThat(this.recorder.threads).allMatch((name) -> name.startsWith("peersocket-handler-")
                || (handlersRunOnContainerThreads() && name.startsWith("http-nio-")));
    }

    @Test
    void aNonBlockingHandlerRunsOnTheIoThreadInOrderNeverTwiceAtOnceForOnePeer() throws Exception {
        int peers = 20;
        int messages = 300;
        List<JdkClient> clients = IntStream.range(0, peers)
            .mapToObj((i) -> JdkClient.connect(uri("/echo-io")))
            .toList();
        try {
            ExecutorService senders = Executors.newFixedThreadPool(4);
            for (JdkClient client : clients) {
                senders.submit(() -> IntStream.range(0, messages).forEach((n) -> client.sendText(Integer.toString(n))));
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            List<String> expected = IntStream.range(0, messages).mapToObj(Integer::toString).toList();
            for (JdkClient client : clients) {
                List<String> echoed = new java.util.ArrayList<>();
                for (int n = 0; n < messages; n++) {
                    JdkClient.Message message = client.next(Duration.ofSeconds(30));
                    assertThat(message.text()).isTrue();
                    echoed.add(message.string());
                }
                assertThat(echoed).isEqualTo(expected);
            }
            assertThat(this.nonBlockingEcho.dataByPeer).hasSize(peers);
            this.nonBlockingEcho.dataByPeer.values().forEach((received) -> assertThat(received).isEqualTo(expected));
            assertThat(this.nonBlockingEcho.overlaps).hasValue(0);
            assertThat(this.nonBlockingEcho.threads).isNotEmpty().allMatch((name) -> name.startsWith(ioThreadPrefix()));
        }
        finally {
            clients.forEach(JdkClient::abort);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/farewell", "/farewell-io" })
    void packetsSentBeforeACloseArriveBeforeTheCloseFrame(String path) {
        for (int attempt = 0; attempt < 20; attempt++) {
            JdkClient client = JdkClient.connect(uri(path));
            client.sendText("#" + attempt);
            for (int n = 1; n <= 3; n++) {
                assertThat(client.next(Duration.ofSeconds(10)).string()).isEqualTo("bye " + n + " #" + attempt);
            }
            assertThat(client.awaitClose()).isEqualTo(new JdkClient.Close(4000, "done"));
        }
    }

    @Test
    void sixteenThreadsSendingToOnePeerInterleaveNothingAndKeepEachThreadsOrder() throws Exception {
        JdkClient client = JdkClient.connect(uri("/record"));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 1);
        Peer peer = this.server.peers().iterator().next();
        int threads = 16;
        int each = 5000;
        String padding = "x".repeat(100);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.submit(() -> {
                start.await();
                for (int n = 0; n < each; n++) {
                    byte[] message = (thread + ":" + n + ":" + padding).getBytes(StandardCharsets.UTF_8);
                    // A full output limit is the engine's ERR_OUT_OF_MEMORY: wait and try
                    // again.
                    while (peer.send(message,
                            (n % 2 == 0) ? WriteMode.TEXT : WriteMode.BINARY) == PeerError.ERR_OUT_OF_MEMORY) {
                        Thread.sleep(1);
                    }
                }
                return null;
            });
        }
        start.countDown();
        Map<Integer, Integer> nextByThread = new HashMap<>();
        for (int i = 0; i < threads * each; i++) {
            JdkClient.Message message = client.next(Duration.ofSeconds(30));
            String[] parts = message.string().split(":");
            assertThat(parts).hasSize(3);
            assertThat(parts[2]).isEqualTo(padding);
            int thread = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            assertThat(n).isEqualTo(nextByThread.getOrDefault(thread, 0));
            assertThat(message.text()).isEqualTo(n % 2 == 0);
            nextByThread.put(thread, n + 1);
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(nextByThread).hasSize(threads).allSatisfy((thread, next) -> assertThat(next).isEqualTo(each));
        client.close(1000, "");
    }

    @Test
    void aPeerThatDoesNotReadFillsItsOutputLimitAndPutPacketFails() throws Exception {
        try (Socket socket = upgradeAndNeverRead("/record")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 1);
            Peer peer = this.server.peers().iterator().next();
            byte[] packet = new byte[1024];
            int accepted = 0;
            PeerError result = PeerError.OK;
            // The socket buffers take some megabytes before the output limit (64 KiB) can
            // fill.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (result == PeerError.OK && System.nanoTime() < deadline) {
                result = peer.putPacket(packet);
                if (result == PeerError.OK) {
                    accepted++;
                }
                else {
                    Thread.sleep(20);
                    result = peer.putPacket(packet); // still full: the peer reads nothing
                }
            }
            assertThat(result).isEqualTo(PeerError.ERR_OUT_OF_MEMORY);
            assertThat(accepted).isLessThan(200_000);
            assertThat(peer.getCurrentOutboundBufferedAmount()).isLessThanOrEqualTo(64 * 1024);
        }
    }

    @Test
    void aThousandPeersAtOnceEachGetTheirOwnEcho() throws Exception {
        int count = 1000;
        List<JdkClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                clients.add(JdkClient.connect(uri("/echo")));
            }
            for (int i = 0; i < count; i++) {
                clients.get(i).sendText("peer " + i);
            }
            for (int i = 0; i < count; i++) {
                assertThat(clients.get(i).next(Duration.ofSeconds(30)).string()).isEqualTo("peer " + i);
            }
        }
        finally {
            clients.forEach(JdkClient::abort);
        }
    }

    @Test
    void extraHeadersAreInThe101Response() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            String response = upgrade(socket, "/echo");
            assertThat(response).startsWith("HTTP/1.1 101").containsIgnoringCase("X-Game-Server: peersocket\r\n");
        }
    }

    @Test
    void aPingFloodThatNeverReadsItsPongsKeepsMemoryFlatAndOtherPeersServed() throws Exception {
        JdkClient healthy = JdkClient.connect(uri("/echo"));
        healthy.sendText("warm-up");
        assertThat(healthy.next(Duration.ofSeconds(10)).string()).isEqualTo("warm-up");
        long before = transportBufferBytes();
        // 512 pings of 125 bytes per write, 600 writes: 40 MB of pings, 300,000 pongs if
        // each were answered.
        java.io.ByteArrayOutputStream pings = new java.io.ByteArrayOutputStream();
        byte[] payload = new byte[125];
        for (int i = 0; i < 512; i++) {
            pings.writeBytes(RawWebSocket.frame(true, 0, RawWebSocket.PING, true, payload));
        }
        byte[] chunk = pings.toByteArray();
        byte[] last = "last".getBytes(StandardCharsets.US_ASCII);
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(before);
        try (RawWebSocket flooder = RawWebSocket.connect(port(), "/echo")) {
            ExecutorService flood = Executors.newSingleThreadExecutor();
            java.util.concurrent.Future<?> flooding = flood.submit(() -> {
                for (int n = 0; n < 600; n++) {
                    flooder.sendRaw(chunk);
                }
                flooder.sendFrame(true, 0, RawWebSocket.PING, true, last);
                return null;
            });
            // A quiet peer beside it: every echo arrives, in order.
            for (int n = 0; n < 200; n++) {
                healthy.sendText("m" + n);
                assertThat(healthy.next(Duration.ofSeconds(10)).string()).isEqualTo("m" + n);
                peak.accumulateAndGet(transportBufferBytes(), Math::max);
            }
            // The flooder has read nothing so far: whatever the server keeps for it is
            // held now.
            // Both transports stop reading it while a pong cannot be written (Tomcat
            // blocks on the
            // pong, the dedicated port pauses its reads): its pings pile up unread in the
            // server's
            // kernel receive queue, and its own writes block, long before the 40 MB are
            // sent.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                peak.accumulateAndGet(transportBufferBytes(), Math::max);
                assertThat(flooding.isDone()).as("the flood was read to its end").isFalse();
                long unread = serverReceiveQueue(flooder.localPort());
                return unread > 0 && readPauses() != 0;
            });
            for (int n = 0; n < 20; n++) {
                healthy.sendText("paused " + n);
                assertThat(healthy.next(Duration.ofSeconds(10)).string()).isEqualTo("paused " + n);
            }
            assertThat(flooding.isDone()).as("the flood was read to its end").isFalse();
            assertThat(serverReceiveQueue(flooder.localPort())).as("pings left unread").isPositive();
            peak.accumulateAndGet(transportBufferBytes(), Math::max);
            // The flooder reads at last: the latest ping is answered, and the connection
            // still works.
            boolean lastAnswered = false;
            for (int frames = 0; frames < 1_000_000 && !lastAnswered; frames++) {
                RawWebSocket.Frame frame = flooder.readFrame();
                assertThat(frame.opcode()).isEqualTo(RawWebSocket.PONG);
                lastAnswered = java.util.Arrays.equals(frame.payload(), last);
            }
            assertThat(lastAnswered).isTrue();
            flooding.get(60, TimeUnit.SECONDS);
            flood.shutdown();
            flooder.sendText("after the flood");
            RawWebSocket.Frame echo = flooder.readFrame();
            while (echo.opcode() == RawWebSocket.PONG) {
                echo = flooder.readFrame();
            }
            assertThat(echo.text()).isEqualTo("after the flood");
        }
        finally {
            healthy.close(1000, "");
        }
        if (before >= 0) {
            // Flat, not zero: the pooled allocator grows in whole chunks (a run measured
            // 8.5 MiB once,
            // under 8 MiB otherwise); without coalesced pongs the same flood grew 34.7 MB
            // and kept growing.
            assertThat(peak.get() - before).as("transport buffers grown during the flood").isLessThan(16L << 20);
        }
    }

    /**
     * Bytes the kernel holds, not yet read by the server, on the server's side of the
     * connection from the given client port (iproute2's {@code ss}, whose first column is
     * Recv-Q).
     */
    long serverReceiveQueue(int clientPort) throws Exception {
        Process ss = new ProcessBuilder("ss", "-tnH", "state", "established").redirectErrorStream(true).start();
        String table = new String(ss.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (String line : table.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[2].endsWith(":" + port()) && columns[3].endsWith(":" + clientPort)) {
                return Long.parseLong(columns[0]);
            }
        }
        return 0;
    }

    /** Completes an upgrade with a raw socket, then never reads again. */
    Socket upgradeAndNeverRead(String path) throws Exception {
        Socket socket = new Socket("127.0.0.1", port());
        socket.setReceiveBufferSize(4096);
        assertThat(upgrade(socket, path)).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** Sends an upgrade request and returns the response head. */
    String upgrade(Socket socket, String path) throws Exception {
        socket.setSoTimeout(5000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("upgrade response").isNotNegative();
            response.append((char) b);
        }
        return response.toString();
    }

    static int idOf(String event) {
        return Integer.parseInt(event.split(" ")[1]);
    }

}
