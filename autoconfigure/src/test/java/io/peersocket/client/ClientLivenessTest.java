package io.peersocket.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.peersocket.peer.PeerError;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client template's pings and idle timeout: against a Godot 3.2.3 server, which
 * answers pings by itself, an idle connection stays; against a server that completes the
 * upgrade and then goes silent the connection is dropped, reported unclean. Ping every
 * 200 ms, idle 1 s.
 */
class ClientLivenessTest {

    private static final String GODOT_ECHO_SERVER = """
            extends SceneTree

            var _server = WebSocketServer.new()
            var _started = 0

            func _init():
            	_server.connect("data_received", self, "_on_data")
            	var port = int(OS.get_environment("GODOT_PORT"))
            	if _server.listen(port) != OK:
            		print("Unable to start server")
            		quit(1)
            		return
            	_started = OS.get_ticks_msec()
            	print("Listening on port %d" % port)

            func _on_data(id):
            	var peer = _server.get_peer(id)
            	var pkt = peer.get_packet()
            	peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT)
            	peer.put_packet(pkt)

            func _idle(delta):
            	_server.poll()
            	if OS.get_ticks_msec() - _started > 60000:
            		quit(2)
            """;

    @TempDir
    Path directory;

    private static PeerSocketClient client(RecordingListener events) {
        return PeerSocketClientBuilder.create()
            .name("liveness")
            .listener(events)
            .handshakeTimeout(Duration.ofSeconds(5))
            .pingInterval(Duration.ofMillis(200))
            .idleTimeout(Duration.ofSeconds(1))
            .build();
    }

    @Test
    void anIdleConnectionToAGodotServerStays() throws Exception {
        Path godot = PeerProcess.require("godot3-server", "godot3-server");
        Files.writeString(this.directory.resolve("server.gd"), GODOT_ECHO_SERVER, StandardCharsets.UTF_8);
        int port = PeerProcess.freePort();
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = client(events);
        try (PeerProcess server = PeerProcess.start(List.of(godot.toString(), "-s", "server.gd"),
                Map.of("GODOT_PORT", String.valueOf(port), "HOME", this.directory.toString()), this.directory)) {
            server.awaitLine((line) -> line.equals("Listening on port " + port), Duration.ofSeconds(20),
                    "Godot listening");
            assertThat(client.connectToUrl("ws://127.0.0.1:" + port + "/")).isEqualTo(PeerError.OK);
            events.awaitEvent("established ''");
            // Four idle timeouts without a message: only the pings and Godot's pongs
            // cross.
            Thread.sleep(4000);
            assertThat(client.getPeer(1).send("still here")).isEqualTo(PeerError.OK);
            events.awaitEvent("data text still here");
            assertThat(events.events).containsExactly("established ''", "data text still here");
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServerThatGoesSilentIsDropped() throws Exception {
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = client(events);
        try (SilentServer server = new SilentServer()) {
            client.connectToUrl("ws://127.0.0.1:" + server.port() + "/");
            events.awaitEvent("established ''");
            events.awaitEvent("closed clean=false");
            assertThat(events.events).containsExactly("established ''", "closed clean=false");
            // What the server received: the client's masked pings, then the end of the
            // stream.
            await().atMost(Duration.ofSeconds(15)).until(server::ended);
            assertThat(server.pings.get()).isGreaterThanOrEqualTo(2);
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    /**
     * Completes one upgrade, then only reads: counts the ping frames and notices the end.
     */
    static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

        final AtomicInteger pings = new AtomicInteger();

        private volatile boolean ended;

        private final Thread thread = new Thread(this::serve, "silent-server");

        SilentServer() throws IOException {
            this.thread.setDaemon(true);
            this.thread.start();
        }

        int port() {
            return this.socket.getLocalPort();
        }

        boolean ended() {
            return this.ended;
        }

        private void serve() {
            try (Socket peer = this.socket.accept()) {
                peer.setSoTimeout(20_000);
                InputStream in = peer.getInputStream();
                String key = null;
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                        key = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
                OutputStream out = peer.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                for (;;) {
                    int b0 = in.read();
                    int b1 = in.read();
                    if (b0 < 0 || b1 < 0) {
                        break;
                    }
                    int length = b1 & 0x7F; // the client sends only small control frames
                                            // here
                    in.readNBytes((((b1 & 0x80) != 0) ? 4 : 0) + length);
                    if ((b0 & 0x0F) == 0x9 && (b1 & 0x80) != 0) {
                        this.pings.incrementAndGet();
                    }
                }
            }
            catch (SocketTimeoutException ex) {
                return; // never ended: ended() stays false
            }
            catch (Exception ex) {
                // reset by the client: an end as well
            }
            this.ended = true;
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("end of stream in the request");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }

    }

}
