# A player of the sample's lobby (io.peersocket.sample.lobby.Lobby), at Godot's high level:
# the WebSocketClient (gd_mp_api = true) is the tree's network_peer, node /root/Lobby calls the
# server with rpc_id(1, ...) and the server calls its puppet functions.
#
#   godot3-server -s lobby_client.gd
#
# Environment (all optional): LOBBY_URL (ws://127.0.0.1:9080/mp), LOBBY_NAME (player),
# LOBBY_X and LOBBY_Y (where it moves once welcomed), LOBBY_MOVES (how many moves of others to
# see before leaving; 0: leave right after moving), LOBBY_LINGER seconds between saying bye and
# closing (0.3), LOBBY_TIMEOUT seconds (60), LOBBY_TOKEN (a
# player's token: the sample's /mp needs one; get it with
#   curl -s -u player:player-dev -X POST http://127.0.0.1:8080/token
# and it is sent as "Authorization: Bearer <token>").
extends SceneTree

const LOBBY = """
extends Node

var main = null

puppet func welcome(id, players):
	var names = players.values()
	names.sort()
	main.say("welcome %s players %s" % [str(id == get_tree().get_network_unique_id()), PoolStringArray(names).join(",")])
	rpc_id(1, "move", main.position)
	main.moved_self()

puppet func moved(id, position):
	main.say("moved %d %s" % [id, str(position)])
	main.saw_move()
"""

var client = WebSocketClient.new()
var name = _env("LOBBY_NAME", "player")
var position = Vector2(float(_env("LOBBY_X", "1")), float(_env("LOBBY_Y", "2")))
var moves = int(_env("LOBBY_MOVES", "0"))
var timeout = float(_env("LOBBY_TIMEOUT", "60"))
var elapsed = 0.0
var quit_in = -1.0
var leave_in = -1.0
var linger = float(_env("LOBBY_LINGER", "0.3"))

func _env(key, fallback):
	var value = OS.get_environment(key)
	return value if value != "" else fallback

func _init():
	var script = GDScript.new()
	script.source_code = LOBBY
	script.reload()
	var lobby = Node.new()
	lobby.name = "Lobby"
	lobby.set_script(script)
	lobby.main = self
	root.add_child(lobby)
	multiplayer.connect("connected_to_server", self, "_connected")
	multiplayer.connect("connection_failed", self, "_gone", ["connection-failed"])
	multiplayer.connect("server_disconnected", self, "_gone", ["server-disconnected"])
	var headers = PoolStringArray()
	if _env("LOBBY_TOKEN", "") != "":
		headers.append("Authorization: Bearer " + _env("LOBBY_TOKEN", ""))
	var err = client.connect_to_url(_env("LOBBY_URL", "ws://127.0.0.1:9080/mp"), PoolStringArray(), true, headers)
	if err != OK:
		say("connect-error %d" % err)
		quit()
		return
	network_peer = client

func say(text):
	print("LOBBY %s %s" % [name, text])

func _connected():
	say("id %d" % client.get_unique_id())
	root.get_node("Lobby").rpc_id(1, "register", name)

func moved_self():
	if moves == 0:
		_leave()

func saw_move():
	moves -= 1
	if moves == 0:
		_leave()

func _leave():
	say("bye")
	# Our own close: Godot 3.2.3 may report it as connection_failed; it is no news.
	multiplayer.disconnect("connection_failed", self, "_gone")
	multiplayer.disconnect("server_disconnected", self, "_gone")
	# Close a moment later, polling meanwhile: Godot 3.2.3's disconnect_from_host drops the TCP
	# stream at once, and a socket closed with unread data is reset, which may cost the server
	# the last RPC this player just sent. On a busy machine the server may take longer than that
	# to read it: LOBBY_LINGER.
	leave_in = linger

func _close():
	client.disconnect_from_host(1000, "bye")
	quit_in = 0.5

func _gone(why):
	say(why)
	quit()

func _idle(delta):
	elapsed += delta
	if leave_in >= 0:
		leave_in -= delta
		if leave_in < 0:
			_close()
		return
	if quit_in >= 0:
		quit_in -= delta
		if quit_in < 0:
			quit()
		return
	if elapsed > timeout:
		say("timeout")
		quit()
