package io.peersocket.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's minimal server example, run by Godot 3.2.3 headless ({@code godot3-server}),
 * and the client template doing what the seed's minimal client example does against it:
 * connect, send "Test packet" (binary, as the engine's put_packet) and a text packet, get
 * both echoed, close with a code and reason. Godot's own output must show each step and a
 * clean disconnect.
 */
class GodotServerTest {

    // The seed's minimal server example, as a SceneTree script: _ready becomes _init,
    // _process
    // becomes _idle. Additions: the port comes from the environment, the echo keeps the
    // packet's
    // frame type, "close me" makes Godot close the connection, and the script quits after
    // its
    // client left (or after 30 s).
    private static final String SERVER_SCRIPT = """
            extends SceneTree

            var _server = WebSocketServer.new()
            var _started = 0

            func _init():
            	_server.connect("client_connected", self, "_connected")
            	_server.connect("client_disconnected", self, "_disconnected")
            	_server.connect("client_close_request", self, "_close_request")
            	_server.connect("data_received", self, "_on_data")
            	var port = int(OS.get_environment("GODOT_PORT"))
            	var err = _server.listen(port)
            	if err != OK:
            		print("Unable to start server")
            		quit(1)
            		return
            	_started = OS.get_ticks_msec()
            	print("Listening on port %d" % port)

            func _connected(id, proto):
            	print("Client %d connected with protocol: %s" % [id, proto])

            func _close_request(id, code, reason):
            	print("Client %d disconnecting with code: %d, reason: %s" % [id, code, reason])

            func _disconnected(id, was_clean = false):
            	print("Client %d disconnected, clean: %s" % [id, str(was_clean)])
            	_server.stop()
            	quit()

            func _on_data(id):
            	var peer = _server.get_peer(id)
            	var pkt = peer.get_packet()
            	var text = peer.was_string_packet()
            	print("Got data from client %d: %s ... echoing" % [id, pkt.get_string_from_utf8()])
            	if pkt.get_string_from_utf8() == "close me":
            		_server.disconnect_peer(id, 4001, "Bye from Godot")
            		return
            	peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT if text else WebSocketPeer.WRITE_MODE_BINARY)
            	peer.put_packet(pkt)

            func _idle(delta):
            	_server.poll()
            	if OS.get_ticks_msec() - _started > 30000:
            		print("Timed out")
            		quit(2)
            """;

    @TempDir
    Path directory;

    PeerProcess startGodot(int port) throws Exception {
        Path godot = PeerProcess.require("godot3-server", "godot3-server");
        Files.writeString(this.directory.resolve("server.gd"), SERVER_SCRIPT, StandardCharsets.UTF_8);
        PeerProcess server = PeerProcess.start(List.of(godot.toString(), "-s", "server.gd"),
                Map.of("GODOT_PORT", String.valueOf(port), "HOME", this.directory.toString()), this.directory);
        server.awaitLine((line) -> line.equals("Listening on port " + port), Duration.ofSeconds(60), "Godot listening");
        return server;
    }

    @Test
    void theTemplateTalksToTheSeedsServerExampleRunByGodot() throws Exception {
        int port = PeerProcess.freePort();
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = PeerSocketClientBuilder.create()
            .name("godot")
            .listener(events)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build();
        try (PeerProcess server = startGodot(port)) {

            // Godot's server offers no subprotocol, so the client asks for none (Godot
            // refuses one it does not offer).
            assertThat(client.connectToUrl("ws://127.0.0.1:" + port + "/")).isEqualTo(PeerError.OK);
            events.awaitEvent("established ''");
            Peer peer = client.getPeer(1);
            assertThat(peer.putPacket("Test packet".getBytes(StandardCharsets.UTF_8))).isEqualTo(PeerError.OK);
            events.awaitEvent("data binary Test packet");
            assertThat(peer.send("Text packet")).isEqualTo(PeerError.OK);
            events.awaitEvent("data text Text packet");

            client.disconnectFromHost(4000, "Bye from Java");
            events.awaitEvent("closed clean=true");
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as("Godot quits after its client left").isTrue();

            String output = server.output();
            System.out.println("Godot's output:\n" + output);
            String id = output.lines()
                .filter((l) -> l.startsWith("Client ") && l.contains(" connected with protocol"))
                .map((l) -> l.split(" ")[1])
                .findFirst()
                .orElseThrow(() -> new AssertionError(output));
            assertThat(output).as(output)
                .contains("Client " + id + " connected with protocol: \n",
                        "Got data from client " + id + ": Test packet ... echoing",
                        "Got data from client " + id + ": Text packet ... echoing",
                        "Client " + id + " disconnecting with code: 4000, reason: Bye from Java",
                        "Client " + id + " disconnected, clean: True");
            assertThat(events.events).containsExactly("established ''", "data binary Test packet",
                    "data text Text packet", "closed clean=true");
            assertThat(peer.getWriteMode()).isEqualTo(WriteMode.BINARY);
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void aCloseFromGodotIsAServerCloseRequestWithoutTheEnginesTrailingNul() throws Exception {
        int port = PeerProcess.freePort();
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = PeerSocketClientBuilder.create()
            .name("godot")
            .listener(events)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build();
        try (PeerProcess server = startGodot(port)) {
            client.connectToUrl("ws://127.0.0.1:" + port + "/");
            events.awaitEvent("established ''");
            client.getPeer(1).send("close me");
            events.awaitEvent((e) -> e.startsWith("closed"));
            // Godot sends "Bye from Godot\0"; the close handshake completes, so the close
            // is clean here.
            assertThat(events.events).containsExactly("established ''", "close-request 4001 'Bye from Godot'",
                    "closed clean=true");
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isTrue();
            System.out.println("Godot's output:\n" + server.output());
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

}
