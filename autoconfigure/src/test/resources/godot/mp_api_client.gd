# A Godot 3 game client at the high level, against a server that serves node /root/Game:
# Spring's @RemoteNode (MultiplayerApiGodotTest) or the engine itself (mp_api_server.gd).
# The WebSocketClient (gd_mp_api = true) is the tree's network_peer. In order:
# rpc_id(1, "register", name, 7, Vector2(1.5, -2)) -> the server answers welcome(id, text);
# the server's rpc("start", word) once every player registered (remotesync);
# rset_id(1, "hp", 42) then rpc_id(1, "report") -> hp_is(value);
# send_bytes("raw:NAME") -> the server echoes "echo:raw:NAME" as raw bytes;
# rpc_id(1, "secret") (a puppet function of the server: refused), rpc_id(1, "register", name)
# (one argument of three: refused), rpc_id(1, "finish") -> bye().
# Environment: MP_URL, MP_NAME, MP_TIMEOUT seconds. Prints "RESULT ..." lines.
extends SceneTree

const GAME = """
extends Node

var log_line = null

puppet func welcome(id, text):
	log_line.call_func("welcome %s %s from %d" % [str(id == get_tree().get_network_unique_id()), text, get_tree().get_rpc_sender_id()])

remotesync func start(word):
	log_line.call_func("start %s from %d" % [word, get_tree().get_rpc_sender_id()])
	rset_id(1, "hp", 42)
	rpc_id(1, "report")

puppet func hp_is(value):
	log_line.call_func("hp %s" % str(value))
	get_tree().multiplayer.send_bytes(("raw:" + OS.get_environment("MP_NAME")).to_utf8(), 1)

puppet func bye():
	log_line.call_func("bye from %d" % get_tree().get_rpc_sender_id())
"""

var client = WebSocketClient.new()
var name = OS.get_environment("MP_NAME")
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var game = null
var elapsed = 0.0
var quit_in = -1.0

func _init():
	var script = GDScript.new()
	script.source_code = GAME
	script.reload()
	game = Node.new()
	game.name = "Game"
	game.set_script(script)
	game.log_line = funcref(self, "_log")
	root.add_child(game)
	multiplayer.connect("connected_to_server", self, "_connected")
	multiplayer.connect("server_disconnected", self, "_server_gone")
	multiplayer.connect("network_peer_packet", self, "_bytes")
	var err = client.connect_to_url(OS.get_environment("MP_URL"), PoolStringArray(), true)
	if err != OK:
		_log("connect-error %d" % err)
		quit()
		return
	self.network_peer = client

func _log(text):
	print("RESULT %s %s" % [name, text])
	if text.begins_with("bye"):
		client.disconnect_from_host(1000, "bye")
		quit_in = 0.5

func _connected():
	_log("connected")
	game.rpc_id(1, "register", name, 7, Vector2(1.5, -2))

func _bytes(id, packet):
	_log("bytes from %d %s" % [id, packet.get_string_from_utf8()])
	game.rpc_id(1, "secret")
	game.rpc_id(1, "register", name)
	game.rpc_id(1, "finish")

func _server_gone():
	_log("server-disconnected")

func _idle(delta):
	elapsed += delta
	if quit_in >= 0:
		quit_in -= delta
		if quit_in < 0:
			quit()
		return
	if elapsed > timeout:
		_log("timeout")
		quit()
