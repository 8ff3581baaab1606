# The engine as the server of mp_master_client.gd: a WebSocketServer (gd_mp_api = true) as the
# tree's network_peer and node /root/Arena, whose claim() hands the node to the caller with
# set_network_master, as NetworkMasterGodotTest's @RemoteNode does with setNetworkMaster.
# Environment: MP_PORT, MP_TIMEOUT seconds. Prints "READY", and "LOG server ..." lines.
extends SceneTree

const ARENA = """
extends Node

var log_line = null

puppet func steer(word):
	log_line.call_func("steer %s" % word)

master func admin(word):
	log_line.call_func("admin %s" % word)

remote func claim():
	var id = get_tree().get_rpc_sender_id()
	set_network_master(id)
	log_line.call_func("claim master is sender %s" % str(get_network_master() == id))
	rpc_id(id, "granted", is_network_master())

remote func done():
	rpc_id(get_tree().get_rpc_sender_id(), "bye")
"""

var server = WebSocketServer.new()
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var elapsed = 0.0

func _init():
	var script = GDScript.new()
	script.source_code = ARENA
	script.reload()
	var arena = Node.new()
	arena.name = "Arena"
	arena.set_script(script)
	arena.log_line = funcref(self, "_log")
	root.add_child(arena)
	var err = server.listen(int(OS.get_environment("MP_PORT")), PoolStringArray(), true)
	if err != OK:
		print("RESULT server listen-error %d" % err)
		quit()
		return
	self.network_peer = server
	print("READY")

func _log(text):
	print("LOG server %s" % text)

func _idle(delta):
	elapsed += delta
	if elapsed > timeout:
		print("RESULT server timeout")
		quit()
