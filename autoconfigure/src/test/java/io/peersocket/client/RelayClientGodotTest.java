package io.peersocket.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.peersocket.peer.PeerError;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client template in relay mode joins a relay hosted by Godot 3.2.3 headless
 * ({@code WebSocketServer.listen(port, [], true)}) where a Godot client
 * ({@code connect_to_url(url, [], true)}) is already present, and exchanges targeted
 * packets: the Godot client sends to the Java client's id, the Java client answers that
 * client's id and sends to 1 (the Godot server); both Godot sides print what they
 * received with the source their get_packet_peer() gives; the Godot client's leave is
 * peer_disconnected in Java.
 */
class RelayClientGodotTest {

    private static final String SERVER_SCRIPT = """
            extends SceneTree

            var _server = WebSocketServer.new()
            var _started = 0
            var _left = 0

            func _init():
            	_server.connect("peer_connected", self, "_joined")
            	_server.connect("peer_disconnected", self, "_left")
            	var port = int(OS.get_environment("GODOT_PORT"))
            	if _server.listen(port, PoolStringArray(), true) != OK:
            		print("Unable to start server")
            		quit(1)
            		return
            	_started = OS.get_ticks_msec()
            	print("Listening on port %d" % port)

            func _joined(id):
            	print("Server: peer %d connected" % id)

            func _left(id):
            	print("Server: peer %d disconnected" % id)
            	_left += 1
            	if _left == 2:
            		_server.stop()
            		quit()

            func _idle(delta):
            	_server.poll()
            	while _server.get_available_packet_count() > 0:
            		var from = _server.get_packet_peer()
            		var pkt = _server.get_packet()
            		print("Server got from %d: %s" % [from, pkt.get_string_from_utf8()])
            	if OS.get_ticks_msec() - _started > 40000:
            		print("Server timed out")
            		quit(2)
            """;

    private static final String CLIENT_SCRIPT = """
            extends SceneTree

            var _client = WebSocketClient.new()
            var _started = 0
            var _leave_at = 0

            func _init():
            	_client.connect("connection_succeeded", self, "_succeeded")
            	_client.connect("connection_failed", self, "_failed")
            	_client.connect("peer_connected", self, "_joined")
            	_client.connect("peer_disconnected", self, "_left")
            	var url = "ws://127.0.0.1:%s/" % OS.get_environment("GODOT_PORT")
            	if _client.connect_to_url(url, PoolStringArray(), true) != OK:
            		print("Unable to connect")
            		quit(1)
            		return
            	_started = OS.get_ticks_msec()

            func _succeeded():
            	print("Client id %d" % _client.get_unique_id())

            func _failed():
            	print("Client connection failed")

            func _joined(id):
            	print("Client: peer %d connected" % id)
            	if id != 1:
            		_client.set_target_peer(id)
            		_client.put_packet(("godot to %d" % id).to_utf8())

            func _left(id):
            	print("Client: peer %d disconnected" % id)

            func _idle(delta):
            	_client.poll()
            	while _client.get_available_packet_count() > 0:
            		var from = _client.get_packet_peer()
            		var pkt = _client.get_packet()
            		print("Client got from %d: %s" % [from, pkt.get_string_from_utf8()])
            		if pkt.get_string_from_utf8().begins_with("java to godot client") and _leave_at == 0:
            			_client.disconnect_from_host()
            			_leave_at = OS.get_ticks_msec()
            	if _leave_at != 0 and OS.get_ticks_msec() - _leave_at > 1000:
            		print("Client quits")
            		quit()
            	if OS.get_ticks_msec() - _started > 40000:
            		print("Client timed out")
            		quit(2)
            """;

    @TempDir
    Path directory;

    @Test
    void joinsAGodotRelayAndExchangesTargetedPacketsWithAGodotClient() throws Exception {
        Path godot = PeerProcess.require("godot3-server", "godot3-server");
        int port = PeerProcess.freePort();
        Path serverDir = Files.createDirectories(this.directory.resolve("server"));
        Path clientDir = Files.createDirectories(this.directory.resolve("client"));
        Files.writeString(serverDir.resolve("server.gd"), SERVER_SCRIPT, StandardCharsets.UTF_8);
        Files.writeString(clientDir.resolve("client.gd"), CLIENT_SCRIPT, StandardCharsets.UTF_8);
        Map<String, String> serverEnv = Map.of("GODOT_PORT", String.valueOf(port), "HOME", serverDir.toString());
        Map<String, String> clientEnv = Map.of("GODOT_PORT", String.valueOf(port), "HOME", clientDir.toString());
        RelayRecorder events = new RelayRecorder();
        PeerSocketClient client = PeerSocketClientBuilder.create()
            .name("godot-relay")
            .listener(events)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build();
        try (PeerProcess server = PeerProcess.start(List.of(godot.toString(), "-s", "server.gd"), serverEnv, serverDir);
                PeerProcess godotClient = startClient(godot, clientEnv, clientDir, server, port)) {
            String godotId = godotClient.output()
                .lines()
                .filter((l) -> l.startsWith("Client id "))
                .map((l) -> l.substring("Client id ".length()).trim())
                .findFirst()
                .orElseThrow();
            int g = Integer.parseInt(godotId);

            assertThat(client.connectToUrl("ws://127.0.0.1:" + port + "/", List.of(), true, Map.of()))
                .isEqualTo(PeerError.OK);
            RelayClient relay = client.multiplayer();
            events.await("peer-connected " + g);
            int j = relay.getUniqueId();
            assertThat(j).isGreaterThan(1).isNotEqualTo(g);
            assertThat(events.events).startsWith("peer-connected 1", "succeeded", "peer-connected " + g);
            assertThat(relay.getPeerIds()).containsExactlyInAnyOrder(1, g);

            // The Godot client greets each newcomer at its id; getPacketPeer() names the
            // Godot client.
            events.await("packet " + g + ": godot to " + j);

            assertThat(relay.send(g, "java to godot client")).isEqualTo(PeerError.OK);
            relay.setTargetPeer(1);
            assertThat(relay.putPacket("java to godot server".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PeerError.OK);

            godotClient.awaitLine((l) -> l.equals("Client got from " + j + ": java to godot client"),
                    Duration.ofSeconds(15), "the Godot client receives the Java client's packet");
            server.awaitLine((l) -> l.equals("Server got from " + j + ": java to godot server"), Duration.ofSeconds(15),
                    "the Godot server receives the Java client's packet");

            // The Godot client leaves after it got the packet.
            events.await("peer-disconnected " + g);
            assertThat(relay.getPeerIds()).containsExactly(1);
            assertThat(godotClient.awaitExit(Duration.ofSeconds(15))).isTrue();

            client.disconnectFromHost();
            events.await("server-disconnected");
            assertThat(server.awaitExit(Duration.ofSeconds(15))).as("the Godot server quits after both left").isTrue();

            System.out.println("Godot server:\n" + server.output() + "\nGodot client:\n" + godotClient.output());
            // (Godot 3.2.3 reports its own disconnect_from_host in relay mode as
            // connection_failed.)
            assertThat(godotClient.output()).contains("Client: peer " + j + " connected")
                .doesNotContain("java to godot server");
            assertThat(server.output())
                .contains("Server: peer " + j + " connected", "Server: peer " + j + " disconnected")
                .doesNotContain("Server got from " + j + ": java to godot client");
            assertThat(events.events).noneMatch((e) -> e.startsWith("PLAIN") || e.contains("signal said"));
            assertThat(relay.getDroppedCount()).isZero();
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    private static PeerProcess startClient(Path godot, Map<String, String> env, Path dir, PeerProcess server, int port)
            throws Exception {
        server.awaitPort(port, Duration.ofSeconds(60), "the Godot relay");
        PeerProcess client = PeerProcess.start(List.of(godot.toString(), "-s", "client.gd"), env, dir);
        client.awaitLine((l) -> l.startsWith("Client id "), Duration.ofSeconds(60), "the Godot client's id");
        return client;
    }

}
