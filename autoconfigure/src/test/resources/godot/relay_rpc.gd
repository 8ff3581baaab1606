# A Godot 3 client of a multiplayer relay at the high level: the WebSocketClient
# (gd_mp_api = true) is the tree's network_peer and node /root/Game has a remote function.
# Environment: MP_URL, MP_ROLE (receiver: waits for one RPC; sender: calls it on the first
# other client it sees, then waits for that client to leave), MP_TIMEOUT seconds.
# Prints "RESULT ROLE ..." lines.
extends SceneTree

var client = WebSocketClient.new()
var role = OS.get_environment("MP_ROLE")
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var game = null
var other = 0
var called = false
var elapsed = 0.0
var quit_in = -1.0

func _init():
	client.connect("peer_connected", self, "_peer_connected")
	client.connect("peer_disconnected", self, "_peer_disconnected")
	client.connect("connection_succeeded", self, "_succeeded")
	var err = client.connect_to_url(OS.get_environment("MP_URL"), PoolStringArray(), true)
	if err != OK:
		print("RESULT %s connect-error %d" % [role, err])
		quit()
		return
	self.network_peer = client

func _succeeded():
	print("RESULT %s id %d" % [role, client.get_unique_id()])

func _peer_connected(id):
	if id != 1 and other == 0:
		other = id

func _peer_disconnected(id):
	if role == "sender" and id == other and called:
		print("RESULT sender saw-receiver-leave")
		quit_in = 0.2

func _idle(delta):
	elapsed += delta
	if quit_in >= 0:
		quit_in -= delta
		if quit_in < 0:
			quit()
		return
	if elapsed > timeout:
		print("RESULT %s timeout" % role)
		quit()
		return
	if game == null:
		var script = GDScript.new()
		script.source_code = "extends Node\nvar got = \"\"\nremote func hello(text):\n\tgot = text + \" from \" + str(get_tree().get_rpc_sender_id())\n"
		script.reload()
		game = Node.new()
		game.name = "Game"
		game.set_script(script)
		root.add_child(game)
	if role == "sender" and other != 0 and not called:
		called = true
		game.rpc_id(other, "hello", "hi from %d" % client.get_unique_id())
		print("RESULT sender called %d" % other)
	if role == "receiver" and game.got != "":
		print("RESULT receiver got " + game.got)
		client.disconnect_from_host(1000, "bye")
		quit_in = 0.5
