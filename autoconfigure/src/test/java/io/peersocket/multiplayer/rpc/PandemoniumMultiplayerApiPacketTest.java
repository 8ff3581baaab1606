package io.peersocket.multiplayer.rpc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.bytes;
import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.int32;
import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.int32At;
import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.variantInt;
import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.variantString;
import static io.peersocket.multiplayer.rpc.MultiplayerApiPacketTest.withPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Pandemonium dialect at the packet level, bytes written out by hand from
 * Pandemonium's {@code core/io/multiplayer_api.h/.cpp} (no Pandemonium binary is
 * installed here): {@code REMOTE_CALL} 0, {@code SIMPLIFY_PATH} 1, {@code CONFIRM_PATH}
 * 2, {@code RAW} 3, no {@code REMOTE_SET}; the node field, names, argument count and path
 * cache as in Godot 3; the arguments in Pandemonium's Variant table ({@code Vector2} is
 * type 7 there, 5 in Godot 3).
 */
@SpringBootTest(classes = PandemoniumMultiplayerApiPacketTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.multiplayer.api.dialect=pandemonium",
                "peersocket.server.variant.dialect=pandemonium" })
class PandemoniumMultiplayerApiPacketTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    MultiplayerApi multiplayer;

    @Autowired
    Board board;

    @Autowired
    Application application;

    private final List<JdkClient> sockets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        this.board.log.clear();
        this.application.log.clear();
    }

    @AfterEach
    void close() {
        this.sockets.forEach(JdkClient::abort);
    }

    @Test
    void aClientsPathIsConfirmedAndItsCallsRunWithPandemoniumsCommandsAndVariants() {
        Client client = join();
        assertThat(this.multiplayer.getDialect()).isEqualTo(MultiplayerDialect.PANDEMONIUM);
        client.send(bytes(1, int32(4), "Board\0")); // SIMPLIFY_PATH(4, "Board")
        assertThat(client.nextPayload()).isEqualTo(bytes(2, "Board\0")); // CONFIRM_PATH("Board")
        // move(Vector2(1.5, -2)) by cache id: Vector2 is Pandemonium's type 7
        client.send(bytes(0, int32(4), "move\0", 1, int32(7), int32(Float.floatToIntBits(1.5f)),
                int32(Float.floatToIntBits(-2f))));
        client.send(withPath(bytes(0, int32(0), "say\0", 1, variantString("hi")), "Board")); // by
                                                                                             // full
                                                                                             // path
        client.send(bytes(3, "raw")); // RAW: send_bytes("raw", 1)
        assertThat(client.nextPayload()).as("the raw answer").isEqualTo(bytes(3, "raw from " + client.id));
        assertThat(this.board.log).containsExactly("move (1.5, -2.0) from " + client.id, "say hi");
    }

    @Test
    void godot3sCommandNumbersAreNotPandemoniums() {
        Client client = join();
        client.send(bytes(1, int32(4), "Board\0"));
        client.nextPayload();
        Map<String, Long> before = this.multiplayer.getDroppedCounts();
        // Godot 3's SIMPLIFY_PATH (2) is Pandemonium's CONFIRM_PATH: of a path never
        // sent, dropped.
        client.send(bytes(2, int32(9), "Board\0"));
        // Godot 3's RAW (4) is no Pandemonium command: it goes on to the relay's
        // application.
        client.send(bytes(4, "hi"));
        assertThat(client.nextPayload()).isEqualTo("app".getBytes(StandardCharsets.UTF_8));
        assertThat(this.application.log).containsExactly(List.of(4, 'h', 'i').toString());
        assertThat(this.multiplayer.getDroppedCounts().getOrDefault(MultiplayerApi.DROP_MALFORMED, 0L)
                - before.getOrDefault(MultiplayerApi.DROP_MALFORMED, 0L))
            .isOne();
    }

    @Test
    void theApplicationCallsAClientsNodeWithPandemoniumsSimplifyPathAndHasNoRset() {
        Client client = join();
        assertThat(this.multiplayer.rpcId(client.id, "/root/Player", "hello", 1, "x")).isEqualTo(PeerError.OK);
        byte[] simplify = client.nextPayload();
        int pathId = int32At(simplify, 1);
        assertThat(simplify).isEqualTo(bytes(1, int32(pathId), "Player\0")); // SIMPLIFY_PATH
                                                                             // is 1
        byte[] call = bytes(0, int32(pathId), "hello\0", 2, variantInt(1), variantString("x"));
        assertThat(client.nextPayload()).isEqualTo(withPath(call, "Player"));
        client.send(bytes(2, "Player\0")); // CONFIRM_PATH is 2
        client.send(bytes(1, int32(4), "Board\0")); // a round trip: confirmed
        client.nextPayload();
        this.multiplayer.rpcId(client.id, "Player", "hello", 1, "x");
        assertThat(client.nextPayload()).as("by id now").isEqualTo(call);
        this.multiplayer.sendBytes(new byte[] { 9 }, client.id);
        assertThat(client.nextPayload()).isEqualTo(bytes(3, 9)); // RAW is 3
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> this.multiplayer.rsetId(client.id, "Player", "hp", 1))
            .withMessageContaining("no rset");
    }

    private Client join() {
        JdkClient socket = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/mp"));
        this.sockets.add(socket);
        RelayFrame hello = RelayFrame.decode(socket.next(Duration.ofSeconds(10)).data());
        assertThat(hello.type()).isEqualTo(RelayFrame.SYS_ID);
        Client client = new Client(socket, hello.peerId());
        socket.next(Duration.ofSeconds(10)); // SYS_ADD(1)
        return client;
    }

    record Client(JdkClient socket, int id) {

        void send(byte[] packet) {
            this.socket.sendBinary(RelayFrame.payload(this.id, 1, packet));
        }

        byte[] nextPayload() {
            RelayFrame frame = RelayFrame.decode(this.socket.next(Duration.ofSeconds(10)).data());
            while (frame.type() != RelayFrame.PAYLOAD) {
                frame = RelayFrame.decode(this.socket.next(Duration.ofSeconds(10)).data());
            }
            assertThat(frame.from()).isEqualTo(1);
            return frame.payload();
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Board.class, Application.class })
    static class App {

    }

    /** The relay's own application: sees what is not the MultiplayerAPI's. */
    @PacketHandler(path = "/mp", multiplayer = true)
    static class Application {

        final List<String> log = new CopyOnWriteArrayList<>();

        @PeerPacket
        void packet(int from, byte[] data, RelayServer relay) {
            this.log.add(List.of(data[0] & 0xFF, (char) data[1], (char) data[2]).toString());
            relay.putPacket(from, "app".getBytes(StandardCharsets.UTF_8));
        }

    }

    @RemoteNode(path = "/root/Board")
    static class Board {

        final List<String> log = new CopyOnWriteArrayList<>();

        private final MultiplayerApi multiplayer;

        Board(MultiplayerApi multiplayer) {
            this.multiplayer = multiplayer;
        }

        @Remote
        void move(io.peersocket.variant.Vector2 to, @RpcSenderId int sender) {
            this.log.add("move (" + to.x() + ", " + to.y() + ") from " + sender);
        }

        @Remote
        void say(String word) {
            this.log.add("say " + word);
        }

        @NetworkPeerPacket
        void raw(byte[] packet, @RpcSenderId int sender) {
            this.multiplayer.sendBytes(
                    (new String(packet, StandardCharsets.UTF_8) + " from " + sender).getBytes(StandardCharsets.UTF_8),
                    sender);
        }

    }

}
