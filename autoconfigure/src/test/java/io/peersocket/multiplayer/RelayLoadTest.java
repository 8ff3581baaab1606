package io.peersocket.multiplayer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 200 relay peers on the dedicated port, every one broadcasting: each receives every
 * other's broadcasts exactly once and in the order each source sent them, and the
 * application (peer 1) gets them all too. The output limit is raised: a burst of 199
 * sources fans in to every peer.
 */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.buffers.out-packets=16384",
                "peersocket.server.buffers.out-kib=4096" })
class RelayLoadTest {

    static final int PEERS = 200;

    static final int MESSAGES = 10;

    @LocalPeerSocketPort
    int port;

    @Autowired
    RelayServer relay;

    @Autowired
    RelayTestApplication.Game game;

    @Test
    void everyPeerGetsEveryBroadcastExactlyOnceInPerSourceOrder() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + this.port + "/mp");
        List<HttpClient> http = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient(),
                HttpClient.newHttpClient(), HttpClient.newHttpClient());
        List<Member> members = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < PEERS; i++) {
                members.add(Member.join(http.get(i % http.size()), uri));
            }
            Set<Integer> ids = ConcurrentHashMap.newKeySet();
            members.forEach((member) -> ids.add(member.id));
            assertThat(ids).hasSize(PEERS);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Member member : members) {
                    assertThat(member.added).as("SYS_ADD seen by " + member.id).hasSize(PEERS - 1);
                }
            });
            // Every peer greets each peer it is told of the moment it is told, as Godot
            // clients
            // do: old peers greet a newcomer while its join is still being announced to
            // the others.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (Member member : members) {
                    assertThat(member.greetings).as("greetings at " + member.id).hasSize(PEERS - 1);
                }
            });
            for (Member member : members) {
                assertThat(member.added).as("each peer is told of every other")
                    .containsExactlyInAnyOrderElementsOf(ids.stream().filter((id) -> id != member.id).toList());
            }

            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (Member member : members) {
                sending.add(CompletableFuture.runAsync(member::broadcast, senders));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            long expectedEach = (long) (PEERS - 1) * MESSAGES;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (Member member : members) {
                    assertThat(member.payloads.get()).as("payloads at " + member.id).isEqualTo(expectedEach);
                }
            });
            for (Member member : members) {
                assertThat(member.errors).as("errors at " + member.id).isEmpty();
                assertThat(member.nextSeq).hasSize(PEERS - 1)
                    .allSatisfy((source, next) -> assertThat(next.get()).isEqualTo(MESSAGES));
            }
            // Peer 1 keeps every broadcast too, in per-source order (the payload's last
            // byte is the sequence).
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(this.game.packets()).hasSize(PEERS * MESSAGES));
            Map<String, List<Integer>> bySource = new ConcurrentHashMap<>();
            for (String packet : this.game.packets()) {
                bySource.computeIfAbsent(packet.substring(0, packet.indexOf('>')), (s) -> new ArrayList<>())
                    .add((int) packet.charAt(packet.length() - 1));
            }
            assertThat(bySource).hasSize(PEERS)
                .allSatisfy((source, seqs) -> assertThat(seqs).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            Thread.sleep(200);
            for (Member member : members) {
                assertThat(member.payloads.get()).as("nothing more at " + member.id).isEqualTo(expectedEach);
            }
            assertThat(this.relay.getDroppedCount()).isZero();
        }
        finally {
            senders.shutdownNow();
            members.forEach((member) -> member.socket.abort());
        }
    }

    /** One relay client at the packet level, checking what it receives as it arrives. */
    static final class Member implements WebSocket.Listener {

        final CompletableFuture<Integer> idFuture = new CompletableFuture<>();

        final Set<Integer> added = ConcurrentHashMap.newKeySet();

        final Set<Integer> greetings = ConcurrentHashMap.newKeySet();

        // Sends are chained: the JDK's WebSocket takes one at a time.
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        final Map<Integer, AtomicInteger> nextSeq = new ConcurrentHashMap<>();

        final AtomicLong payloads = new AtomicLong();

        final List<String> errors = new CopyOnWriteArrayList<>();

        final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        WebSocket socket;

        int id;

        static Member join(HttpClient http, URI uri) throws Exception {
            Member member = new Member();
            member.socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, member)
                .get(20, TimeUnit.SECONDS);
            member.id = member.idFuture.get(20, TimeUnit.SECONDS);
            return member;
        }

        void broadcast() {
            for (int seq = 0; seq < MESSAGES; seq++) {
                send(this.socket, RelayFrame.payload(this.id, 0, ByteBuffer.allocate(4).putInt(seq).array())).join();
            }
        }

        synchronized CompletableFuture<?> send(WebSocket socket, byte[] frame) {
            this.sending = this.sending.thenCompose((done) -> socket.sendBinary(ByteBuffer.wrap(frame), true))
                .orTimeout(20, TimeUnit.SECONDS);
            return this.sending;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            this.partial.writeBytes(bytes);
            if (last) {
                handle(webSocket, this.partial.toByteArray());
                this.partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        private void handle(WebSocket webSocket, byte[] frame) {
            int type = RelayFrame.typeOf(frame);
            if (type == RelayFrame.SYS_ID) {
                this.idFuture.complete(RelayFrame.peerIdOf(frame));
            }
            else if (type == RelayFrame.SYS_ADD) {
                int added = RelayFrame.peerIdOf(frame);
                if (added != 1 && !this.added.add(added)) {
                    this.errors.add("SYS_ADD(" + added + ") twice");
                }
                if (added != 1) {
                    send(webSocket, RelayFrame.payload(this.idFuture.join(), added, new byte[] { 'h' }));
                }
            }
            else if (type == RelayFrame.PAYLOAD && frame.length == RelayFrame.HEADER_SIZE + 1) {
                int from = RelayFrame.fromOf(frame);
                if (!this.added.contains(from)) {
                    this.errors.add("greeting from " + from + " before SYS_ADD(" + from + ")");
                }
                if (!this.greetings.add(from)) {
                    this.errors.add("greeting from " + from + " twice");
                }
            }
            else if (type == RelayFrame.PAYLOAD) {
                int from = RelayFrame.fromOf(frame);
                int seq = ByteBuffer.wrap(frame, RelayFrame.HEADER_SIZE, 4).getInt();
                if (from == this.id) {
                    this.errors.add("got its own packet " + seq);
                }
                if (!this.added.contains(from)) {
                    this.errors.add("packet from " + from + " before SYS_ADD(" + from + ")");
                }
                int expected = this.nextSeq.computeIfAbsent(from, (f) -> new AtomicInteger()).getAndIncrement();
                if (seq != expected) {
                    this.errors.add("from " + from + ": seq " + seq + " where " + expected + " was due");
                }
                this.payloads.incrementAndGet();
            }
            else {
                this.errors.add("unexpected " + RelayFrame.typeName(type));
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.errors.add("a text frame");
            webSocket.request(1);
            return null;
        }

    }

}
