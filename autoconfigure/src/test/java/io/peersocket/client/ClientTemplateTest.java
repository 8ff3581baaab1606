package io.peersocket.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client template against this project's own server (the test application's /echo and
 * /record endpoints) and against misbehaving servers: the engine's signals, peer 1, close
 * semantics and every failure a clear result or connection_error, never a hang.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class ClientTemplateTest {

    @Autowired
    ObjectProvider<PeerSocketClientBuilder> builders;

    @Autowired
    PeerSocketServer server;

    @Autowired
    TestApplication.Recorder recorder;

    @LocalPeerSocketPort
    int port;

    RecordingListener events = new RecordingListener();

    PeerSocketClient client;

    @BeforeEach
    void reset() {
        this.recorder.reset();
        this.client = this.builders.getObject()
            .name("test")
            .handshakeTimeout(Duration.ofSeconds(2))
            .listener(this.events)
            .build();
    }

    @AfterEach
    void close() {
        this.client.shutdown(Duration.ofSeconds(5));
    }

    String url(String path) {
        return "ws://127.0.0.1:" + this.port + path;
    }

    @Test
    void echoesTextAndBinaryThroughPeerOneAndClosesCleanly() {
        assertThat(this.client.getPeer(1)).isNotNull();
        assertThat(this.client.getPeer(2)).isNull();
        Peer server = this.client.getPeer(1);
        assertThat(server.putPacket("early".getBytes())).isEqualTo(PeerError.ERR_UNAVAILABLE);

        assertThat(this.client.connectToUrl(url("/echo"))).isEqualTo(PeerError.OK);
        assertThat(this.client.connectToUrl(url("/echo"))).isEqualTo(PeerError.ERR_ALREADY_IN_USE);
        this.events.awaitEvent("established ''");
        assertThat(this.client.getConnectionStatus()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(this.client.getConnectedHost()).isEqualTo("127.0.0.1");
        assertThat(this.client.getConnectedPort()).isEqualTo(this.port);
        assertThat(server.id()).isEqualTo(1);
        assertThat(server.getWriteMode()).isEqualTo(WriteMode.BINARY);

        assertThat(server.putPacket("Test packet".getBytes(StandardCharsets.UTF_8))).isEqualTo(PeerError.OK);
        this.events.awaitEvent("data binary Test packet");
        server.setWriteMode(WriteMode.TEXT);
        assertThat(server.putPacket("as text".getBytes(StandardCharsets.UTF_8))).isEqualTo(PeerError.OK);
        this.events.awaitEvent("data text as text");
        assertThat(server.send("héllo")).isEqualTo(PeerError.OK);
        this.events.awaitEvent("data text héllo");

        this.client.disconnectFromHost(4000, "bye");
        this.events.awaitEvent("closed clean=true");
        assertThat(this.events.events).containsExactly("established ''", "data binary Test packet", "data text as text",
                "data text héllo", "closed clean=true");
        assertThat(this.events.threads).allMatch((name) -> name.startsWith("peersocket-client-"));
        assertThat(this.client.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(server.putPacket("late".getBytes())).isEqualTo(PeerError.ERR_UNAVAILABLE);
        // A closed client connects again.
        assertThat(this.client.connectToUrl(url("/echo"))).isEqualTo(PeerError.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> this.events.events.size() == 6);
        assertThat(this.events.events.get(5)).isEqualTo("established ''");
    }

    @Test
    void theServerSeesTheClientsCloseCodeAndReason() {
        this.client.connectToUrl(url("/record"));
        this.events.awaitEvent("established ''");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 1);
        int id = this.server.peers().iterator().next().id();
        this.client.disconnectFromHost(4000, "bye");
        this.events.awaitEvent("closed clean=true");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.events.size() == 3);
        assertThat(this.recorder.events).containsExactly("connected " + id + " ''",
                "close-request " + id + " 4000 'bye'", "disconnected " + id + " clean=true");
    }

    @Test
    void aCloseFromTheServerIsAServerCloseRequestThenACleanClose() {
        this.client.connectToUrl(url("/record"));
        this.events.awaitEvent("established ''");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 1);
        int id = this.server.peers().iterator().next().id();
        this.server.disconnectPeer(id, 4001, "go away");
        this.events.awaitEvent("closed clean=true");
        assertThat(this.events.events).containsExactly("established ''", "close-request 4001 'go away'",
                "closed clean=true");
    }

    @Test
    void aMessageOverTheInputLimitClosesWith1009() {
        PeerSocketClient small = this.builders.getObject()
            .name("small")
            .listener(this.events)
            .buffers(new BufferLimits(1, 16, 64, 1024))
            .build();
        try {
            small.connectToUrl(url("/record"));
            this.events.awaitEvent("established ''");
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == 1);
            Peer onServer = this.server.peers().iterator().next();
            onServer.send("fits".getBytes(), WriteMode.BINARY);
            this.events.awaitEvent("data binary fits");
            onServer.send(new byte[2048], WriteMode.BINARY);
            this.events.awaitEvent((e) -> e.startsWith("closed"));
            await().atMost(Duration.ofSeconds(10))
                .until(() -> this.recorder.events.stream().anyMatch((e) -> e.startsWith("disconnected")));
            assertThat(this.recorder.events).anyMatch((e) -> e.contains("close-request " + onServer.id() + " 1009"));
            assertThat(this.events.events).noneMatch((e) -> e.startsWith("data binary \0"));
        }
        finally {
            small.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void badUrlsAreRefusedAtOnce() {
        assertThat(this.client.connectToUrl("http://127.0.0.1/")).isEqualTo(PeerError.ERR_INVALID_PARAMETER);
        assertThat(this.client.connectToUrl("not a url")).isEqualTo(PeerError.ERR_INVALID_PARAMETER);
        assertThat(this.client.connectToUrl("ws:///nohost")).isEqualTo(PeerError.ERR_INVALID_PARAMETER);
        assertThat(this.client.connectToUrl("ws://127.0.0.1/", List.of("bad protocol")))
            .isEqualTo(PeerError.ERR_INVALID_PARAMETER);
        assertThat(this.client.connectToUrl("ws://127.0.0.1/", List.of(), false, List.of("no colon")))
            .isEqualTo(PeerError.ERR_INVALID_PARAMETER);
        assertThat(this.client.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(this.events.events).isEmpty();
    }

    @Test
    void aRefusedConnectionIsAConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(this.client.connectToUrl("ws://127.0.0.1:" + closedPort + "/")).isEqualTo(PeerError.OK);
        this.events.awaitEvent((e) -> e.startsWith("error"));
        assertThat(this.events.events).hasSize(1);
        assertThat(this.client.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
    }

    @Test
    void aServerThatNeverAnswersTheUpgradeIsAConnectionErrorAfterTheHandshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            this.client.connectToUrl("ws://127.0.0.1:" + silent.getLocalPort() + "/");
            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(10_000);
                this.events.awaitEvent((e) -> e.startsWith("error"));
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                // Not before the 2 s timeout; how much later is the machine's load
                // (awaitEvent bounds it).
                assertThat(elapsedMs).isGreaterThanOrEqualTo(1900L);
                assertThat(this.events.errors.get(0)).isInstanceOf(TimeoutException.class);
                // The client hung up its half-open socket.
                InputStream in = accepted.getInputStream();
                while (in.read() != -1) {
                    // the upgrade request, then end of stream
                }
            }
        }
    }

    @Test
    void aServerThatSelectsAProtocolTheClientDidNotOfferIsAConnectionError() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicBoolean answered = new AtomicBoolean();
            Thread thread = new Thread(() -> answerUpgrade(fake, "Sec-WebSocket-Protocol: not-offered\r\n", answered));
            thread.setDaemon(true);
            thread.start();
            this.client.connectToUrl("ws://127.0.0.1:" + fake.getLocalPort() + "/", List.of("chat-v1"));
            this.events.awaitEvent((e) -> e.startsWith("error"));
            assertThat(answered).isTrue();
            assertThat(this.events.events).containsExactly("error WebSocketClientHandshakeException");
            assertThat(this.events.errors.get(0)).isInstanceOf(WebSocketClientHandshakeException.class)
                .hasMessageContaining("not-offered");
        }
    }

    @Test
    void invalidUtf8InATextFrameClosesWith1007() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int[] closeCode = { -1 };
            Thread thread = new Thread(() -> {
                try (Socket socket = fake.accept()) {
                    socket.setSoTimeout(10_000);
                    InputStream in = socket.getInputStream();
                    upgrade(socket, "");
                    // An unmasked text frame "\u00c3(": not UTF-8.
                    socket.getOutputStream().write(new byte[] { (byte) 0x81, 0x02, (byte) 0xC3, 0x28 });
                    socket.getOutputStream().flush();
                    int first = in.read();
                    int length = in.read() & 0x7f;
                    byte[] mask = in.readNBytes(4);
                    byte[] payload = in.readNBytes(length);
                    if (first == 0x88 && length >= 2) {
                        closeCode[0] = ((payload[0] ^ mask[0]) & 0xff) << 8 | ((payload[1] ^ mask[1]) & 0xff);
                    }
                }
                catch (Exception ex) {
                    // asserted below
                }
            });
            thread.setDaemon(true);
            thread.start();
            this.client.connectToUrl("ws://127.0.0.1:" + fake.getLocalPort() + "/");
            this.events.awaitEvent((e) -> e.startsWith("closed"));
            thread.join(10_000);
            assertThat(closeCode[0]).isEqualTo(1007);
            assertThat(this.events.events).containsExactly("established ''", "closed clean=false");
        }
    }

    @Test
    void aCloseTheServerNeverAnswersIsUnclean() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.client.connectToUrl("ws://127.0.0.1:" + fake.getLocalPort() + "/");
            try (Socket socket = fake.accept()) {
                socket.setSoTimeout(10_000);
                upgrade(socket, "");
                this.events.awaitEvent("established ''");
                // The server reads nothing and never answers: the close frame sits in its
                // kernel buffer.
                this.client.disconnectFromHost(4000, "bye");
                this.events.awaitEvent((e) -> e.startsWith("closed"));
                assertThat(this.events.events).containsExactly("established ''", "closed clean=false");
                // What the server got: the close frame, then the end of the stream.
                InputStream in = socket.getInputStream();
                assertThat(in.read()).isEqualTo(0x88);
                int length = in.read() & 0x7f;
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(length);
                assertThat(((payload[0] ^ mask[0]) & 0xff) << 8 | ((payload[1] ^ mask[1]) & 0xff)).isEqualTo(4000);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void anHttpErrorInsteadOfTheUpgradeIsAConnectionError() {
        // /record offers no protocol; /nowhere does not exist: the server answers 404.
        this.client.connectToUrl(url("/nowhere"));
        this.events.awaitEvent((e) -> e.startsWith("error"));
        assertThat(this.events.errors.get(0)).hasMessageContaining("404");
    }

    /**
     * Answers one upgrade with 101 and the given extra header lines, then waits for the
     * client to hang up.
     */
    static void answerUpgrade(ServerSocket server, String extraHeaders, AtomicBoolean answered) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            upgrade(socket, extraHeaders);
            answered.set(true);
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // until the client closes
            }
        }
        catch (Exception ex) {
            // the test asserts on what the client saw
        }
    }

    /** Reads an upgrade request and answers 101 with the given extra header lines. */
    static void upgrade(Socket socket, String extraHeaders) throws Exception {
        {
            InputStream in = socket.getInputStream();
            StringBuilder request = new StringBuilder();
            while (!request.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c == -1) {
                    throw new java.io.EOFException("no upgrade request");
                }
                request.append((char) c);
            }
            String key = request.toString()
                .lines()
                .filter((l) -> l.toLowerCase().startsWith("sec-websocket-key:"))
                .map((l) -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElseThrow();
            String accept = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

}
