package io.peersocket.multiplayer.rpc;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peersocket.actuate.PeerSocketMetrics;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.JdkClient;
import io.peersocket.variant.Vector2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MultiplayerAPI on peer 1 at the packet level, with byte layouts written out by hand
 * from the engine's {@code multiplayer_api.cpp} (3.2.3): the path cache handshake both
 * ways, calls and sets with Variant arguments, raw bytes, and every refusal, counted,
 * with the client still served afterwards. Packets that are not the MultiplayerAPI's
 * still reach the relay's application.
 */
@SpringBootTest(classes = MultiplayerApiPacketTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class MultiplayerApiPacketTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    MultiplayerApi multiplayer;

    @Autowired
    Calc calc;

    @Autowired
    SimpleMeterRegistry registry;

    private final List<Client> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        this.calc.log.clear();
        this.calc.level = 0;
        this.calc.secret = 0;
    }

    @AfterEach
    void close() {
        this.clients.forEach((client) -> client.socket.abort());
    }

    @Test
    void aClientAnnouncesItsPathIsConfirmedAndCallsByIdOrByFullPath() {
        Client client = join();
        client.send(bytes(2, int32(7), "Calc\0")); // SIMPLIFY_PATH(7, "Calc")
        assertThat(client.nextPayload()).isEqualTo(bytes(3, "Calc\0")); // CONFIRM_PATH("Calc")
        client.send(bytes(0, int32(7), "add\0", 2, variantInt(2), variantInt(40))); // add(2,
                                                                                    // 40)
                                                                                    // by
                                                                                    // cache
                                                                                    // id
        // A call with the full path appended (the engine's way before the path is
        // confirmed).
        byte[] call = bytes(0, int32(0), "label\0", 2, variantString("hp"), variantVector2(1.5f, -2));
        client.send(withPath(call, "Calc"));
        client.send(bytes(1, int32(7), "level\0", variantInt(9))); // rset("level", 9)
        client.send(bytes(0, int32(7), "echo\0", 0));
        assertThat(client.nextPayload()).as("echo's answer").isEqualTo(rawPacket("level=9"));
        assertThat(this.calc.log).containsExactly("add 42 from " + client.id, "label hp (1.5, -2.0) from " + client.id);
    }

    @Test
    void theApplicationCallsAClientsNodeWithThePathThenWithItsIdOnceConfirmed() {
        Client client = join();
        assertThat(this.multiplayer.rpcId(client.id, "/root/Player", "hello", 1, "x")).isEqualTo(PeerError.OK);
        byte[] simplify = client.nextPayload();
        assertThat(simplify[0]).isEqualTo((byte) 2);
        int pathId = int32At(simplify, 1);
        assertThat(simplify).isEqualTo(bytes(2, int32(pathId), "Player\0"));
        byte[] call = bytes(0, int32(0), "hello\0", 2, variantInt(1), variantString("x"));
        assertThat(client.nextPayload()).as("the call, with the path it has not confirmed")
            .isEqualTo(withPath(call, "Player"));

        client.send(bytes(3, "Player\0")); // CONFIRM_PATH("Player")
        client.send(bytes(2, int32(1), "Calc\0"));
        client.nextPayload(); // its CONFIRM_PATH
        client.send(bytes(0, int32(1), "echo\0", 0)); // after the confirmation
        client.nextPayload(); // echo's answer
        this.multiplayer.rsetId(client.id, "Player", "hp", 10);
        assertThat(client.nextPayload()).as("by id now").isEqualTo(bytes(1, int32(pathId), "hp\0", variantInt(10)));
    }

    @Test
    void rawBytesGoBothWaysAndOtherPacketsStillReachTheApplication() {
        Client a = join();
        Client b = join();
        a.send(bytes(4, "hi")); // send_bytes("hi", 1)
        assertThat(a.nextPayload()).isEqualTo(rawPacket("raw hi from " + a.id));
        this.multiplayer.sendBytes("all".getBytes(StandardCharsets.UTF_8));
        this.multiplayer.sendBytes("notA".getBytes(StandardCharsets.UTF_8), -a.id);
        assertThat(a.nextPayload()).isEqualTo(rawPacket("all"));
        assertThat(b.nextPayload()).isEqualTo(rawPacket("all"));
        assertThat(b.nextPayload()).isEqualTo(rawPacket("notA"));
        a.send("ping".getBytes(StandardCharsets.UTF_8)); // not the MultiplayerAPI's
        assertThat(new String(a.nextPayload(), StandardCharsets.UTF_8)).isEqualTo("pong");
    }

    @Test
    void whatTheEngineRefusesIsDroppedAndCountedAndTheClientIsStillServed() {
        Client client = join();
        Map<String, Long> before = this.multiplayer.getDroppedCounts();
        double forbiddenBefore = forbiddenMeter();
        client.send(bytes(2, int32(3), "Calc\0"));
        client.nextPayload();
        client.send(withPath(bytes(0, int32(0), "add\0", 0), "Nowhere")); // unknown node
        client.send(bytes(0, int32(99), "add\0", 0)); // a path id never announced
        client.send(bytes(0, int32(3), "nothing\0", 0)); // unknown function
        client.send(bytes(0, int32(3), "reset\0", 0)); // puppet: the server is master
        client.send(bytes(1, int32(3), "secret\0", variantInt(1))); // puppet property
        client.send(bytes(1, int32(3), "missing\0", variantInt(1))); // unknown property
        client.send(bytes(0, int32(3), "add\0", 1, variantInt(1))); // one argument of two
        client.send(bytes(0, int32(3), "add\0", 2, variantInt(1), variantString("2"))); // a
                                                                                        // String
                                                                                        // for
                                                                                        // an
                                                                                        // int
        client.send(bytes(1, int32(3), "level\0", variantString("9"))); // a String for a
                                                                        // long
        client.send(bytes(0, int32(3), "add\0", 2, variantInt(1))); // ends before
                                                                    // argument 1
        client.send(bytes(0, 0, 0)); // too short
        client.send(bytes(0, int32(3), "add")); // no end to its name
        client.send(bytes(3, "Unknown\0")); // confirms what it was never sent
        client.send(bytes(0, int32(3), "echo\0", 0));
        assertThat(client.nextPayload()).as("the first answer is echo's").isEqualTo(rawPacket("level=0"));
        assertThat(this.calc.log).isEmpty();
        Map<String, Long> after = this.multiplayer.getDroppedCounts();
        assertThat(delta(before, after)).isEqualTo(Map.of(MultiplayerApi.DROP_UNKNOWN_NODE, 2L,
                MultiplayerApi.DROP_UNKNOWN_METHOD, 1L, MultiplayerApi.DROP_FORBIDDEN, 2L,
                MultiplayerApi.DROP_UNKNOWN_PROPERTY, 1L, MultiplayerApi.DROP_ARGUMENT_COUNT, 1L,
                MultiplayerApi.DROP_ARGUMENT_TYPE, 2L, MultiplayerApi.DROP_MALFORMED, 4L));
        assertThat(forbiddenMeter() - forbiddenBefore).as("peersocket.drops{reason=rpc-forbidden}").isEqualTo(2);
    }

    private double forbiddenMeter() {
        Counter counter = this.registry.find(PeerSocketMetrics.DROPS)
            .tags("endpoint", "/mp", "reason", MultiplayerApi.DROP_FORBIDDEN)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Test
    void aRemoteFunctionThatThrowsIsAHandlerErrorAndTheClientIsStillServed() {
        Client client = join();
        double errorsBefore = handlerErrors();
        client.send(withPath(bytes(0, int32(0), "fail\0", 0), "Calc"));
        client.send(withPath(bytes(0, int32(0), "echo\0", 0), "Calc"));
        assertThat(client.nextPayload()).isEqualTo(rawPacket("level=0"));
        assertThat(handlerErrors() - errorsBefore).isEqualTo(1);
    }

    private double handlerErrors() {
        return this.registry.find(PeerSocketMetrics.HANDLER_ERRORS)
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    }

    @Test
    void theApplicationsOwnRemotesyncCallRunsLocallyToo() {
        Client client = join();
        this.multiplayer.rpc("/root/Calc", "announce", "go");
        byte[] simplify = client.nextPayload();
        int pathId = int32At(simplify, 1);
        assertThat(simplify).isEqualTo(bytes(2, int32(pathId), "Calc\0"));
        assertThat(client.nextPayload())
            .isEqualTo(withPath(bytes(0, int32(pathId), "announce\0", 1, variantString("go")), "Calc"));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.calc.log.contains("announce go from 1"));
    }

    @Test
    void aClientMadeTheNodesMasterMayCallItsPuppetMembersAndNobodyItsMasterOnes() {
        Client master = join();
        Client other = join();
        master.send(bytes(2, int32(5), "Calc\0"));
        master.nextPayload(); // CONFIRM_PATH
        other.send(bytes(2, int32(6), "Calc\0"));
        other.nextPayload();
        // The server is the master of every node it serves: a master function is
        // anybody's to call.
        other.send(bytes(0, int32(6), "steer\0", 0));
        other.send(bytes(0, int32(6), "echo\0", 0));
        other.nextPayload();
        assertThat(this.calc.log).containsExactly("steer from " + other.id);
        assertThat(this.multiplayer.isNetworkMaster("/root/Calc")).isTrue();
        this.multiplayer.setNetworkMaster("/root/Calc", master.id);
        try {
            assertThat(this.multiplayer.getNetworkMaster("Calc")).isEqualTo(master.id);
            assertThat(this.multiplayer.isNetworkMaster("Calc")).isFalse();
            Map<String, Long> before = this.multiplayer.getDroppedCounts();
            other.send(bytes(0, int32(6), "reset\0", 0)); // puppet, not from the master
            other.send(bytes(1, int32(6), "secret\0", variantInt(3))); // puppet property,
                                                                       // likewise
            other.send(bytes(0, int32(6), "echo\0", 0));
            other.nextPayload();
            master.send(bytes(1, int32(5), "secret\0", variantInt(7))); // the master sets
                                                                        // its puppet
            master.send(bytes(0, int32(5), "reset\0", 0)); // and calls it
            master.send(bytes(0, int32(5), "steer\0", 0)); // the server is now a puppet
            master.send(bytes(0, int32(5), "echo\0", 0));
            assertThat(master.nextPayload()).isEqualTo(rawPacket("level=0"));
            assertThat(this.calc.log).containsExactly("steer from " + other.id, "reset");
            assertThat(this.calc.secret).isEqualTo(7);
            assertThat(delta(before, this.multiplayer.getDroppedCounts()))
                .isEqualTo(Map.of(MultiplayerApi.DROP_FORBIDDEN, 3L));
            // _should_call_local on a puppet: its own rpc of a puppet function runs
            // locally and goes out.
            this.multiplayer.rpc("/root/Calc", "reset");
            assertThat(this.calc.log).containsExactly("steer from " + other.id, "reset", "reset");
            byte[] simplify = master.nextPayload();
            assertThat(simplify[0]).isEqualTo((byte) 2);
            assertThat(master.nextPayload())
                .isEqualTo(withPath(bytes(0, int32(int32At(simplify, 1)), "reset\0", 0), "Calc"));
        }
        finally {
            this.multiplayer.setNetworkMaster("Calc", 1);
        }
        assertThat(this.multiplayer.getNetworkMaster("/root/Calc")).isEqualTo(1);
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new java.util.TreeMap<>();
        after.forEach((reason, count) -> {
            long change = count - before.getOrDefault(reason, 0L);
            if (change != 0) {
                delta.put(reason, change);
            }
        });
        return delta;
    }

    // ---- the client ----

    private Client join() {
        JdkClient socket = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/mp"));
        RelayFrame hello = RelayFrame.decode(socket.next(Duration.ofSeconds(10)).data());
        assertThat(hello.type()).isEqualTo(RelayFrame.SYS_ID);
        Client client = new Client(socket, hello.peerId());
        this.clients.add(client);
        client.nextFrame(); // SYS_ADD(1)
        return client;
    }

    record Client(JdkClient socket, int id) {

        void send(byte[] packet) {
            this.socket.sendBinary(RelayFrame.payload(this.id, 1, packet));
        }

        RelayFrame nextFrame() {
            return RelayFrame.decode(this.socket.next(Duration.ofSeconds(10)).data());
        }

        /**
         * @return the next payload from peer 1, skipping other clients' arrivals
         */
        byte[] nextPayload() {
            RelayFrame frame = nextFrame();
            while (frame.type() != RelayFrame.PAYLOAD) {
                frame = nextFrame();
            }
            assertThat(frame.from()).isEqualTo(1);
            return frame.payload();
        }

    }

    // ---- bytes as the engine writes them ----

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer value) {
                out.write(value);
            }
            else if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            else {
                out.writeBytes((byte[]) part);
            }
        }
        return out.toByteArray();
    }

    static byte[] int32(int value) {
        return new byte[] { (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >>> 24) };
    }

    static int int32At(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }

    static byte[] variantInt(int value) {
        return bytes(int32(2), int32(value)); // TYPE_INT, 32 bits
    }

    static byte[] variantString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return bytes(int32(4), int32(utf8.length), utf8, new byte[(4 - utf8.length % 4) % 4]); // TYPE_STRING,
                                                                                               // padded
    }

    static byte[] variantVector2(float x, float y) {
        return bytes(int32(5), int32(Float.floatToIntBits(x)), int32(Float.floatToIntBits(y))); // TYPE_VECTOR2
    }

    // The node field becomes 0x80000000 | the offset of the path appended after the call.
    static byte[] withPath(byte[] call, String path) {
        byte[] packet = bytes(call, path + "\0");
        byte[] node = int32(0x80000000 | call.length);
        System.arraycopy(node, 0, packet, 1, 4);
        return packet;
    }

    static byte[] rawPacket(String text) {
        return bytes(4, text);
    }

    // ---- the application ----

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Calc.class, Application.class })
    static class App {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

    /** The relay's own application: sees what is not the MultiplayerAPI's. */
    @PacketHandler(path = "/mp", multiplayer = true)
    static class Application {

        @PeerPacket
        void packet(int from, String text, RelayServer relay) {
            relay.send(from, text.equals("ping") ? "pong" : "?");
        }

    }

    @RemoteNode(path = "Calc")
    static class Calc {

        final List<String> log = new CopyOnWriteArrayList<>();

        private final MultiplayerApi multiplayer;

        @Remote
        volatile long level;

        @Remote(RpcMode.PUPPET)
        volatile int secret;

        Calc(MultiplayerApi multiplayer) {
            this.multiplayer = multiplayer;
        }

        @Remote
        void add(int a, long b, @RpcSenderId int sender) {
            this.log.add("add " + (a + b) + " from " + sender);
        }

        @Remote
        void label(String name, Vector2 position, Peer caller) {
            this.log.add("label " + name + " (" + position.x() + ", " + position.y() + ") from " + caller.id());
        }

        @Remote
        void echo(@RpcSenderId int sender) {
            this.multiplayer.sendBytes(("level=" + this.level).getBytes(StandardCharsets.UTF_8), sender);
        }

        @Remote
        void fail() {
            throw new IllegalStateException("a bug in the application");
        }

        @Remote(RpcMode.PUPPET)
        void reset() {
            this.log.add("reset");
        }

        @Remote(RpcMode.MASTER)
        void steer(@RpcSenderId int sender) {
            this.log.add("steer from " + sender);
        }

        @Remote(RpcMode.REMOTESYNC)
        void announce(String word) {
            this.log.add("announce " + word + " from " + this.multiplayer.getRpcSenderId());
        }

        @NetworkPeerPacket
        void raw(byte[] packet, @RpcSenderId int sender) {
            this.multiplayer.sendBytes(("raw " + new String(packet, StandardCharsets.UTF_8) + " from " + sender)
                .getBytes(StandardCharsets.UTF_8), sender);
        }

    }

}
