# Godot 3.2.3's own WebSocket server, as a game would run it: poll() from the main loop.
# BENCH_PORT: the port; BENCH_RELAY=1: the multiplayer relay (listen(port, [], true)), whose
# packets for the server itself are read and dropped; otherwise every packet is echoed back in
# the mode it came in. Buffers are raised to 1 MiB / 4096 packets each way so that the echo
# scenarios' 16 x 16 KiB in flight fit (the defaults, 64 KiB / 1024, would drop them).
extends SceneTree

var server = WebSocketServer.new()
var relay = false

func _init():
	var port = int(OS.get_environment("BENCH_PORT"))
	relay = OS.get_environment("BENCH_RELAY") == "1"
	server.set_buffers(1024, 4096, 1024, 4096)
	if not relay:
		server.connect("data_received", self, "_on_data")
	var err = server.listen(port, PoolStringArray(), relay)
	if err != OK:
		print("@@ERROR listen failed: ", err)
		quit(1)
		return
	print("@@READY ", port)

func _idle(_delta):
	server.poll()
	if relay:
		while server.get_available_packet_count() > 0:
			server.get_packet()
	return false

func _on_data(id):
	var peer = server.get_peer(id)
	while peer.get_available_packet_count() > 0:
		var packet = peer.get_packet()
		if peer.was_string_packet():
			peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT)
		else:
			peer.set_write_mode(WebSocketPeer.WRITE_MODE_BINARY)
		peer.put_packet(packet)
