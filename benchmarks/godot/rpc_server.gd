# Godot 3.2.3's own high-level multiplayer as a game's server runs it: a WebSocketServer in relay
# mode (listen(port, [], true)) as the tree's network_peer, polled by the SceneTree each frame,
# and node /root/Bench whose remote function answers every call with a call back to the caller's
# node. The starter's benchmark server serves the same node as a @RemoteNode bean
# (StarterServer.Bench). BENCH_PORT: the port. Buffers as in server.gd.
extends SceneTree

const BENCH = """
extends Node

remote func ping(seq):
	rpc_id(get_tree().get_rpc_sender_id(), "pong", seq)
"""

var server = WebSocketServer.new()

func _init():
	var port = int(OS.get_environment("BENCH_PORT"))
	var script = GDScript.new()
	script.source_code = BENCH
	script.reload()
	var node = Node.new()
	node.name = "Bench"
	node.set_script(script)
	root.add_child(node)
	server.set_buffers(1024, 4096, 1024, 4096)
	var err = server.listen(port, PoolStringArray(), true)
	if err != OK:
		print("@@ERROR listen failed: ", err)
		quit(1)
		return
	self.network_peer = server
	print("@@READY ", port)
