package io.peersocket.annotation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Peer;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each signal's parameter table, from real connections: every parameter gets its own
 * value whatever its position, the two {@code int}s of a close request or a relayed
 * packet told apart by name (declared here in the order that a guess by position would
 * get wrong), and the values differ from one another so that a mix-up shows.
 */
@SpringBootTest(classes = ParameterBindingTest.BindingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.client.enabled=false" })
class ParameterBindingTest {

    @Autowired
    BindingApplication.Plain plain;

    @Autowired
    BindingApplication.Relay relay;

    @Autowired
    BindingApplication.OtherNamesRelay otherNamesRelay;

    @LocalPeerSocketPort
    int port;

    @Test
    void aPlainEndpointsSignalsBindIdCodeReasonProtocolAndFlagsByTypeAndName() {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/plain"), "bind-v1");
        String greeting = client.next().string();
        assertThat(greeting).startsWith("id:");
        int id = Integer.parseInt(greeting.substring(3));
        client.sendText("hello");
        client.sendBinary("bytes".getBytes(StandardCharsets.UTF_8));
        client.close(4001, "see you");
        assertThat(client.awaitClose().code()).isEqualTo(4001);
        await().atMost(Duration.ofSeconds(10)).until(() -> this.plain.events.size() == 5);
        assertThat(this.plain.events).containsExactly("connected peer=" + id + " id=" + id + " protocol=bind-v1",
                "data wasString=true text=hello peerId=" + id, "data wasString=false text=bytes peerId=" + id,
                "close-request reason=see you closeCode=4001 peerId=" + id + " peer=" + id,
                "disconnected wasClean=true id=" + id);
    }

    @Test
    void aRelaysSignalsBindFromAndToByName() {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/relay"));
        int id = joinRelay(client);
        for (int to : List.of(1, 0, -id)) {
            client.sendBinary(RelayFrame.payload(id, to, ("to " + to).getBytes(StandardCharsets.UTF_8)));
        }
        client.close(4002, "leaving");
        client.awaitClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.events.size() == 6);
        assertThat(this.relay.events).containsExactly("joined peerId=" + id + " relay=" + RelayFrame.SERVER_ID,
                "packet text=to 1 to=1 from=" + id, "packet text=to 0 to=0 from=" + id,
                "packet text=to " + (-id) + " to=" + (-id) + " from=" + id, "close-request code=4002 id=" + id,
                "left id=" + id);
    }

    @Test
    void theRelaysOtherAcceptedNamesBindTheSameValues() {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/relay-names"));
        int id = joinRelay(client);
        client.sendBinary(RelayFrame.payload(id, -id, "not me".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.otherNamesRelay.events.size() == 1);
        assertThat(this.otherNamesRelay.events)
            .containsExactly("packet target=" + (-id) + " payload=not me source=" + id + " peer=" + id);
        client.abort();
    }

    @Test
    void aClientsServerCloseRequestBindsCodeAndIdByName() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PeerSocketClientAutoConfiguration.class))
            .withBean(BindingApplication.ClientSide.class)
            .withPropertyValues("peersocket.client.connections.binding.url=ws://127.0.0.1:" + this.port + "/closer")
            .run((context) -> {
                BindingApplication.ClientSide handler = context.getBean(BindingApplication.ClientSide.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> handler.events.size() == 3);
                assertThat(handler.events).containsExactly("established protocol='' id=1",
                        "server-close-request reason=bye now closeCode=4003 id=1", "closed wasClean=true id=1");
            });
    }

    /** Reads the relay's greeting (SYS_ID, SYS_ADD(1)) and returns the id it gave. */
    private static int joinRelay(JdkClient client) {
        RelayFrame hello = RelayFrame.decode(client.next().data());
        assertThat(hello.type()).isEqualTo(RelayFrame.SYS_ID);
        assertThat(RelayFrame.decode(client.next().data()).type()).isEqualTo(RelayFrame.SYS_ADD);
        return hello.peerId();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ BindingApplication.Plain.class, BindingApplication.Relay.class, BindingApplication.OtherNamesRelay.class,
            BindingApplication.Closer.class })
    static class BindingApplication {

        /** Every plain signal, its parameters in an order unlike the engine's. */
        @PacketHandler(path = "/plain", protocols = "bind-v1")
        static class Plain {

            final List<String> events = new CopyOnWriteArrayList<>();

            @ClientConnected
            String connected(Peer peer, String protocol, int id) {
                this.events.add("connected peer=" + peer.id() + " id=" + id + " protocol=" + protocol);
                return "id:" + id;
            }

            @DataReceived
            void data(boolean wasString, String text, int peerId) {
                this.events.add("data wasString=" + wasString + " text=" + text + " peerId=" + peerId);
            }

            // The names that a guess by position once bound to the peer id twice.
            @ClientCloseRequest
            void closing(String reason, int closeCode, int peerId, Peer peer) {
                this.events.add("close-request reason=" + reason + " closeCode=" + closeCode + " peerId=" + peerId
                        + " peer=" + peer.id());
            }

            @ClientDisconnected
            void left(boolean wasClean, int id) {
                this.events.add("disconnected wasClean=" + wasClean + " id=" + id);
            }

        }

        /**
         * A relay's signals, with the to-before-from order that a guess by position gets
         * wrong.
         */
        @PacketHandler(path = "/relay", multiplayer = true)
        static class Relay {

            final List<String> events = new CopyOnWriteArrayList<>();

            @PeerConnected
            void joined(RelayServer relay, int peerId) {
                this.events.add("joined peerId=" + peerId + " relay=" + relay.getUniqueId());
            }

            @PeerPacket
            void packet(String text, int to, int from) {
                this.events.add("packet text=" + text + " to=" + to + " from=" + from);
            }

            @ClientCloseRequest
            void closing(int code, int id) {
                this.events.add("close-request code=" + code + " id=" + id);
            }

            @PeerDisconnected
            void left(int id) {
                this.events.add("left id=" + id);
            }

        }

        /** The other accepted names of a relayed packet's two ints. */
        @PacketHandler(path = "/relay-names", multiplayer = true)
        static class OtherNamesRelay {

            final List<String> events = new CopyOnWriteArrayList<>();

            @PeerPacket
            void packet(int target, byte[] payload, int source, Peer peer) {
                this.events.add("packet target=" + target + " payload=" + new String(payload, StandardCharsets.UTF_8)
                        + " source=" + source + " peer=" + peer.id());
            }

        }

        /** Closes whoever connects, after its first message, with 4003. */
        @PacketHandler(path = "/closer")
        static class Closer {

            @DataReceived
            void data(Peer peer) {
                peer.close(4003, "bye now");
            }

        }

        /**
         * A named client connection's signals, the server close request's ints in reverse
         * order.
         */
        @PacketHandler(client = "binding")
        static class ClientSide {

            final List<String> events = new CopyOnWriteArrayList<>();

            @ConnectionEstablished
            String established(String protocol, int id) {
                this.events.add("established protocol='" + protocol + "' id=" + id);
                return "close me";
            }

            @ServerCloseRequest
            void closing(String reason, int closeCode, int id) {
                this.events.add("server-close-request reason=" + reason + " closeCode=" + closeCode + " id=" + id);
            }

            @ConnectionClosed
            void closed(boolean wasClean, int id) {
                this.events.add("closed wasClean=" + wasClean + " id=" + id);
            }

        }

    }

}
