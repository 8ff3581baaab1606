# The engine's own relay (WebSocketServer.listen(port, [], true)) with the same application as
# the Java test relay, for RelayGodotTest to compare deliveries. Environment: MP_PORT,
# MP_CLIENTS (how many "done" to wait for), MP_TIMEOUT seconds. Prints "LOG server line" per
# packet it receives, "READY" once listening, "RESULT server ok" when it has sent "fin".
extends SceneTree

var server = WebSocketServer.new()
var clients = int(OS.get_environment("MP_CLIENTS"))
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var names = {}
var ids = {}
var done = {}
var elapsed = 0.0

func _init():
	var err = server.listen(int(OS.get_environment("MP_PORT")), PoolStringArray(), true)
	if err != OK:
		print("RESULT server listen-error %d" % err)
		quit()
		return
	print("READY")

func _send(target, text):
	server.set_target_peer(target)
	server.put_packet(text.to_utf8())

func _idle(delta):
	elapsed += delta
	if elapsed > timeout:
		print("RESULT server timeout")
		quit()
		return
	server.poll()
	while server.get_available_packet_count() > 0:
		var from = server.get_packet_peer()
		var text = server.get_packet().get_string_from_utf8()
		if text.begins_with("hello-server:"):
			names[from] = text.substr(13, text.length() - 13)
			ids[names[from]] = from
		print("LOG server %s %s" % [names.get(from, "unknown"), text])
		if text.begins_with("ping-server:"):
			_send(from, "pong-server:" + text.substr(12, text.length() - 12))
		if text.begins_with("done:"):
			done[from] = true
			if done.size() == clients:
				_send(0, "server>all")
				_send(-ids["A"], "server>notA")
				_send(ids["B"], "server>B")
				_send(1, "server>self")
				_send(0, "fin")
				print("RESULT server ok")
