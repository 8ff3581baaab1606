# The engine as the server of the game mp_api_client.gd plays: a WebSocketServer
# (gd_mp_api = true) as the tree's network_peer, and node /root/Game with the same remote
# functions as the Java @RemoteNode of MultiplayerApiGodotTest. The reference for what the
# clients print. Environment: MP_PORT, MP_PLAYERS, MP_TIMEOUT seconds. Prints "READY", and
# "LOG server ..." for what the Java side records.
extends SceneTree

const GAME = """
extends Node

var players = []
var log_line = null
remote var hp = 0

remote func register(name, level, pos):
	var id = get_tree().get_rpc_sender_id()
	log_line.call_func("register %s %d %s" % [name, level, str(pos)])
	players.append(name)
	rpc_id(id, "welcome", id, "%s:%d" % [name, level])
	if players.size() == int(OS.get_environment("MP_PLAYERS")):
		rpc("start", "go")

remotesync func start(word):
	log_line.call_func("start %s from %d" % [word, get_tree().get_rpc_sender_id()])

remote func report():
	rpc_id(get_tree().get_rpc_sender_id(), "hp_is", hp)

puppet func secret():
	log_line.call_func("secret")

remote func finish():
	rpc_id(get_tree().get_rpc_sender_id(), "bye")
"""

var server = WebSocketServer.new()
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var elapsed = 0.0

func _init():
	var script = GDScript.new()
	script.source_code = GAME
	script.reload()
	var game = Node.new()
	game.name = "Game"
	game.set_script(script)
	game.log_line = funcref(self, "_log")
	root.add_child(game)
	multiplayer.connect("network_peer_packet", self, "_bytes")
	var err = server.listen(int(OS.get_environment("MP_PORT")), PoolStringArray(), true)
	if err != OK:
		print("RESULT server listen-error %d" % err)
		quit()
		return
	self.network_peer = server
	print("READY")

func _log(text):
	print("LOG server %s" % text)

func _bytes(id, packet):
	multiplayer.send_bytes(("echo:" + packet.get_string_from_utf8()).to_utf8(), id)

func _idle(delta):
	elapsed += delta
	if elapsed > timeout:
		print("RESULT server timeout")
		quit()
