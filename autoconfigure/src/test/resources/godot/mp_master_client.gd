# A Godot 3 client of node /root/Arena, served by Spring's @RemoteNode (NetworkMasterGodotTest) or
# by the engine itself (mp_master_server.gd): it calls the server's puppet function steer and
# master function admin while the server is the node's master (steer refused), claims the node
# (the server makes it the network master), then calls both again (admin refused: the server is a
# puppet now). Environment: MP_URL, MP_TIMEOUT seconds. Prints "RESULT ..." lines.
extends SceneTree

const ARENA = """
extends Node

var log_line = null

remote func granted(server_is_master):
	log_line.call_func("granted server-is-master %s" % str(server_is_master))
	rpc_id(1, "steer", "after")
	rpc_id(1, "admin", "after")
	rpc_id(1, "done")

remote func bye():
	log_line.call_func("bye")
"""

var client = WebSocketClient.new()
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var arena = null
var elapsed = 0.0
var quit_in = -1.0

func _init():
	var script = GDScript.new()
	script.source_code = ARENA
	script.reload()
	arena = Node.new()
	arena.name = "Arena"
	arena.set_script(script)
	arena.log_line = funcref(self, "_log")
	root.add_child(arena)
	multiplayer.connect("connected_to_server", self, "_connected")
	var err = client.connect_to_url(OS.get_environment("MP_URL"), PoolStringArray(), true)
	if err != OK:
		_log("connect-error %d" % err)
		quit()
		return
	self.network_peer = client

func _log(text):
	print("RESULT %s" % text)
	if text == "bye":
		client.disconnect_from_host(1000, "bye")
		quit_in = 0.5

func _connected():
	_log("connected")
	arena.rpc_id(1, "steer", "before")
	arena.rpc_id(1, "admin", "before")
	arena.rpc_id(1, "claim")

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
