package io.peersocket.multiplayer;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.peersocket.peer.PeerError;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.peersocket.multiplayer.RelayTestClient.payload;
import static io.peersocket.multiplayer.RelayTestClient.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The relay protocol at the packet level, with JDK WebSocket clients that speak it as a
 * Godot client with {@code gd_mp_api = true} does: the same tests on the dedicated
 * Reactor Netty port and on the application's Tomcat (the two subclasses).
 */
abstract class RelayBehaviourTests {

    static final Duration QUIET = Duration.ofMillis(300);

    @Autowired
    RelayServers relays;

    @Autowired
    RelayTestApplication.Game game;

    @Autowired
    RelayTestApplication.TestHook hook;

    RelayServer relay;

    Map<String, Long> dropsBefore;

    final List<RelayTestClient> clients = new ArrayList<>();

    abstract URI uri(String path);

    @BeforeEach
    void reset() {
        this.relay = this.relays.get("/mp");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.getPeerCount() == 0);
        this.game.events.clear();
        this.hook.reset();
        this.relay.setRefuseNewConnections(false);
        this.dropsBefore = this.relay.getDroppedCounts();
    }

    long dropsSince(String reason) {
        return this.relay.getDroppedCount(reason) - this.dropsBefore.getOrDefault(reason, 0L);
    }

    @AfterEach
    void disconnect() {
        this.clients.forEach((client) -> client.socket.abort());
    }

    RelayTestClient join() {
        RelayTestClient client = RelayTestClient.join(uri("/mp"));
        this.clients.add(client);
        return client;
    }

    /** Three clients, each told of the others; returned in ascending id order. */
    List<RelayTestClient> threeClients() {
        RelayTestClient a = join();
        RelayTestClient b = join();
        a.next();
        b.next();
        RelayTestClient c = join();
        c.next();
        c.next();
        a.next();
        b.next();
        List<RelayTestClient> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort((x, y) -> Integer.compare(x.id, y.id));
        return sorted;
    }

    @Test
    void aNewcomerGetsItsIdThenTheServerThenEveryOtherPeerInAscendingOrder() {
        RelayTestClient a = join();
        assertThat(a.id).isBetween(2, Integer.MAX_VALUE);
        RelayTestClient b = join();
        assertThat(b.next()).isEqualTo(system(RelayFrame.SYS_ADD, a.id));
        assertThat(a.next()).isEqualTo(system(RelayFrame.SYS_ADD, b.id));
        JdkClient raw = JdkClient.connect(uri("/mp"));
        assertThat(raw.protocol()).as("no subprotocol in relay mode").isEmpty();
        byte[] sysId = raw.next().data();
        int c = RelayFrame.peerIdOf(sysId);
        byte[] expected = HexFormat.of()
            .parseHex("03" + "01000000" + "00000000"
                    + String.format("%02x%02x%02x%02x", c & 0xFF, (c >>> 8) & 0xFF, (c >>> 16) & 0xFF, c >>> 24));
        assertThat(sysId).as("SYS_ID, byte for byte").isEqualTo(expected);
        assertThat(raw.next().data()).isEqualTo(HexFormat.of().parseHex("01" + "01000000" + "00000000" + "01000000"));
        int low = Math.min(a.id, b.id);
        int high = Math.max(a.id, b.id);
        assertThat(RelayFrame.decode(raw.next().data())).isEqualTo(system(RelayFrame.SYS_ADD, low));
        assertThat(RelayFrame.decode(raw.next().data())).isEqualTo(system(RelayFrame.SYS_ADD, high));
        assertThat(a.next()).isEqualTo(system(RelayFrame.SYS_ADD, c));
        assertThat(b.next()).isEqualTo(system(RelayFrame.SYS_ADD, c));
        raw.abort();
        List<Integer> ids = new ArrayList<>(List.of(a.id, b.id, c));
        ids.sort(null);
        assertThat(this.relay.getUniqueId()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(this.game.events).contains("connected " + a.id, "connected " + b.id,
                "connected " + c));
    }

    @Test
    void targetedBroadcastAndExclusionPacketsReachExactlyTheirPeersAndNeverTheSender() throws Exception {
        List<RelayTestClient> peers = threeClients();
        RelayTestClient a = peers.get(0);
        RelayTestClient b = peers.get(1);
        RelayTestClient c = peers.get(2);
        a.send(b.id, "to-b");
        a.send(0, "to-all");
        a.send(-b.id, "not-b");
        a.send(-a.id, "not-a");
        a.send(-1, "not-server");
        a.send(a.id, "to-self");
        a.send(12345, "to-nobody");
        a.send(1, "to-server");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">" + b.id + ":to-b");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">0:to-all");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">" + (-a.id) + ":not-a");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">-1:not-server");
        assertThat(c.nextPayload()).isEqualTo(a.id + ">0:to-all");
        assertThat(c.nextPayload()).isEqualTo(a.id + ">" + (-b.id) + ":not-b");
        assertThat(c.nextPayload()).isEqualTo(a.id + ">" + (-a.id) + ":not-a");
        assertThat(c.nextPayload()).isEqualTo(a.id + ">-1:not-server");
        for (RelayTestClient peer : peers) {
            peer.expectNothing(QUIET);
        }
        // Peer 1 keeps what is addressed to 1, 0 and -N with N not 1: not -1 (the
        // engine's quirk).
        await().untilAsserted(() -> assertThat(this.game.packets()).containsExactly(a.id + ">0:to-all",
                a.id + ">" + (-b.id) + ":not-b", a.id + ">" + (-a.id) + ":not-a", a.id + ">1:to-server"));
        assertThat(dropsSince(RelayServer.DROP_INVALID_TARGET)).isEqualTo(2);
    }

    @Test
    void relayedBytesAreTheSendersBytesUnchanged() {
        List<RelayTestClient> peers = threeClients();
        byte[] frame = RelayFrame.payload(peers.get(0).id, 0, new byte[] { 0, 1, 2, (byte) 0xFF, 0x7F });
        peers.get(0).sendRaw(frame);
        assertThat(peers.get(1).socket.next().data()).isEqualTo(frame);
        assertThat(peers.get(2).socket.next().data()).isEqualTo(frame);
    }

    @Test
    void theApplicationIsPeerOneAndReachesTheRightClients() throws Exception {
        List<RelayTestClient> peers = threeClients();
        RelayTestClient a = peers.get(0);
        RelayTestClient b = peers.get(1);
        RelayTestClient c = peers.get(2);
        assertThat(this.relay.getPeerIds()).containsExactly(a.id, b.id, c.id);
        a.send(1, "ping-server:x");
        assertThat(a.nextPayload()).isEqualTo("1>" + a.id + ":pong-server:x");
        assertThat(this.relay.send(0, "all")).isEqualTo(PeerError.OK);
        assertThat(this.relay.send(-b.id, "not-b")).isEqualTo(PeerError.OK);
        assertThat(this.relay.send(c.id, "c")).isEqualTo(PeerError.OK);
        assertThat(this.relay.send(1, "self")).isEqualTo(PeerError.OK);
        assertThat(this.relay.send(12345, "nobody")).isEqualTo(PeerError.FAILED);
        this.relay.setTargetPeer(-a.id);
        assertThat(this.relay.putPacket("target".getBytes(StandardCharsets.UTF_8))).isEqualTo(PeerError.OK);
        assertThat(a.nextPayload()).isEqualTo("1>0:all");
        assertThat(a.nextPayload()).isEqualTo("1>" + (-b.id) + ":not-b");
        assertThat(b.nextPayload()).isEqualTo("1>0:all");
        assertThat(b.nextPayload()).isEqualTo("1>" + (-a.id) + ":target");
        assertThat(c.nextPayload()).isEqualTo("1>0:all");
        assertThat(c.nextPayload()).isEqualTo("1>" + (-b.id) + ":not-b");
        assertThat(c.nextPayload()).isEqualTo("1>" + c.id + ":c");
        assertThat(c.nextPayload()).isEqualTo("1>" + (-a.id) + ":target");
        for (RelayTestClient peer : peers) {
            peer.expectNothing(QUIET);
        }
    }

    @Test
    void spoofedSystemShortAndTextMessagesAreDroppedAndCountedAndHarmNobody() throws Exception {
        List<RelayTestClient> peers = threeClients();
        RelayTestClient cheat = peers.get(0);
        RelayTestClient b = peers.get(1);
        RelayTestClient c = peers.get(2);
        cheat.sendRaw(RelayFrame.payload(b.id, 0, "spoofed".getBytes(StandardCharsets.UTF_8)));
        cheat.sendRaw(RelayFrame.system(RelayFrame.SYS_ADD, 424242));
        cheat.sendRaw(RelayFrame.encode(RelayFrame.SYS_DEL, cheat.id, 0, new byte[] { 1, 0, 0, 0 }, 0, 4));
        cheat.sendRaw(new byte[] { 0, 1, 2, 3, 4 });
        cheat.socket.sendText("text");
        cheat.send(c.id, "honest");
        b.send(c.id, "from-b");
        assertThat(List.of(c.nextPayload(), c.nextPayload()))
            .containsExactlyInAnyOrder(cheat.id + ">" + c.id + ":honest", b.id + ">" + c.id + ":from-b");
        for (RelayTestClient peer : peers) {
            peer.expectNothing(QUIET);
        }
        assertThat(dropsSince(RelayServer.DROP_SPOOFED_FROM)).isEqualTo(1);
        assertThat(dropsSince(RelayServer.DROP_SYSTEM_MESSAGE)).isEqualTo(2);
        assertThat(dropsSince(RelayServer.DROP_TOO_SHORT)).isEqualTo(1);
        assertThat(dropsSince(RelayServer.DROP_TEXT_FRAME)).isEqualTo(1);
        assertThat(this.relay.getDroppedCount() - this.dropsBefore.values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo(5);
        assertThat(this.relay.getPeerIds()).as("not strict: nobody closed").hasSize(3);
        assertThat(this.game.packets()).isEmpty();
    }

    @Test
    void aLeavingPeerIsAnnouncedToTheOthersWithSysDel() throws Exception {
        List<RelayTestClient> peers = threeClients();
        RelayTestClient leaving = peers.get(1);
        leaving.close();
        assertThat(peers.get(0).next()).isEqualTo(system(RelayFrame.SYS_DEL, leaving.id));
        assertThat(peers.get(2).next()).isEqualTo(system(RelayFrame.SYS_DEL, leaving.id));
        peers.get(0).expectNothing(QUIET);
        assertThat(this.relay.hasPeer(leaving.id)).isFalse();
        await().untilAsserted(() -> assertThat(this.game.events)
            .containsSubsequence("close-request " + leaving.id + " 1000", "disconnected " + leaving.id));
        peers.get(2).socket.abort();
        assertThat(peers.get(0).next()).isEqualTo(system(RelayFrame.SYS_DEL, peers.get(2).id));
    }

    /**
     * The engine's order per connection: what a client sent before it left reaches the
     * others before its SYS_DEL, whether it leaves with a close frame or drops the TCP
     * connection right after sending (as Godot's relay_client.gd does: put_packet, then
     * disconnect_from_host in the same frame). Repeated, since the two arrive back to
     * back and a wrong order may show only sometimes.
     */
    @Test
    void aLeavingPeersLastPacketReachesTheOthersBeforeItsSysDel() {
        RelayTestClient a = join();
        for (int round = 0; round < 20; round++) {
            RelayTestClient b = join();
            assertThat(b.next()).isEqualTo(system(RelayFrame.SYS_ADD, a.id));
            assertThat(a.next()).isEqualTo(system(RelayFrame.SYS_ADD, b.id));
            b.send(0, "hi all " + round);
            if (round % 2 == 0) {
                b.socket.close(1000, "bye");
            }
            else {
                b.socket.abort();
            }
            assertThat(a.next()).as("round %d (%s): the last packet first", round, (round % 2 == 0) ? "close" : "abort")
                .isEqualTo(payload(b.id, 0, "hi all " + round));
            assertThat(a.next()).as("round %d: then the leave", round).isEqualTo(system(RelayFrame.SYS_DEL, b.id));
            this.clients.remove(b);
        }
    }

    @Test
    void refusesNewConnectionsWhileAsked() {
        RelayTestClient a = join();
        this.relay.setRefuseNewConnections(true);
        assertThat(this.relay.isRefusingNewConnections()).isTrue();
        assertThatThrownBy(() -> JdkClient.connect(uri("/mp"))).isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                    (ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(503));
        this.relay.setRefuseNewConnections(false);
        RelayTestClient b = join();
        assertThat(a.next()).isEqualTo(system(RelayFrame.SYS_ADD, b.id));
    }

    @Test
    void theHookSeesEveryClientPayloadAndMayDropOrRewriteIt() throws Exception {
        List<RelayTestClient> peers = threeClients();
        RelayTestClient a = peers.get(0);
        RelayTestClient b = peers.get(1);
        RelayTestClient c = peers.get(2);
        this.hook.recording = true;
        this.hook.behaviour = (packet) -> switch (packet.payloadText()) {
            case "cheat" -> RelayVerdict.drop();
            case "swear" -> RelayVerdict.rewrite("****".getBytes(StandardCharsets.UTF_8));
            case "whisper" -> RelayVerdict.redirect(c.id);
            case "boom" -> throw new IllegalStateException("a failing hook");
            default -> RelayVerdict.pass();
        };
        a.send(0, "boom");
        a.send(0, "cheat");
        a.send(0, "swear");
        a.send(b.id, "whisper");
        a.send(1, "hello");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">0:****");
        assertThat(c.nextPayload()).isEqualTo(a.id + ">0:****");
        assertThat(c.nextPayload()).isEqualTo(a.id + ">" + c.id + ":whisper");
        for (RelayTestClient peer : peers) {
            peer.expectNothing(QUIET);
        }
        // "hello" reaches nobody but peer 1, so it is waited for: the quiet period above
        // proves nothing about it.
        await()
            .untilAsserted(() -> assertThat(this.game.packets()).containsExactly(a.id + ">0:****", a.id + ">1:hello"));
        assertThat(this.hook.seen).containsExactly(a.id + ">0:boom", a.id + ">0:cheat", a.id + ">0:swear",
                a.id + ">" + b.id + ":whisper", a.id + ">1:hello");
        assertThat(dropsSince(RelayServer.DROP_HOOK)).as("one dropped, one failed").isEqualTo(2);
    }

    @Test
    void aRelayDeclaredByPropertyAloneRelays() {
        RelayTestClient a = RelayTestClient.join(uri("/relay"));
        this.clients.add(a);
        RelayTestClient b = RelayTestClient.join(uri("/relay"));
        this.clients.add(b);
        assertThat(b.next()).isEqualTo(system(RelayFrame.SYS_ADD, a.id));
        assertThat(a.next()).isEqualTo(system(RelayFrame.SYS_ADD, b.id));
        a.send(0, "hi");
        assertThat(b.nextPayload()).isEqualTo(a.id + ">0:hi");
        assertThat(this.relays.get("/relay").getPeerIds())
            .containsExactlyInAnyOrderElementsOf(Arrays.asList(a.id, b.id));
        assertThat(this.relay.getPeerIds()).as("relays do not share peers").isEmpty();
    }

}
