# A Godot 3 WebSocketClient that connects, then sends nothing for IDLE_SECONDS while it keeps
# polling (so the engine answers the server's pings by itself, as any game does), then sends
# "still here" and waits for the echo. Test LivenessTests. Environment: IDLE_URL, IDLE_SECONDS.
# Prints CONNECTED, then ECHO <text> or DISCONNECTED <clean>, then RESULT ok|<error>.
extends SceneTree

var client = WebSocketClient.new()
var idle_for = float(OS.get_environment("IDLE_SECONDS"))
var elapsed = 0.0
var connected_at = -1.0
var sent = false
var done = false

func _init():
	client.connect("connection_established", self, "_connected")
	client.connect("connection_error", self, "_error")
	client.connect("connection_closed", self, "_closed")
	client.connect("data_received", self, "_data")
	var err = client.connect_to_url(OS.get_environment("IDLE_URL"))
	if err != OK:
		_finish("RESULT connect-error %d" % err)

func _connected(protocol):
	connected_at = elapsed
	print("CONNECTED")

func _error():
	_finish("RESULT connection-error")

func _closed(was_clean):
	if done:
		# Our own close after the echo: Godot 3.2.3 reports the side that starts a close as
		# unclean, and whether that comes before quit() takes effect is a race. Not a drop.
		return
	print("DISCONNECTED %s" % was_clean)
	_finish("RESULT disconnected")

func _data():
	var text = client.get_peer(1).get_packet().get_string_from_utf8()
	print("ECHO " + text)
	client.disconnect_from_host(1000, "done")
	_finish("RESULT ok")

func _finish(line):
	if not done:
		done = true
		print(line)
		quit()

func _idle(delta):
	elapsed += delta
	client.poll()
	if connected_at >= 0 and not sent and elapsed - connected_at >= idle_for:
		sent = true
		client.get_peer(1).set_write_mode(WebSocketPeer.WRITE_MODE_TEXT)
		client.get_peer(1).put_packet("still here".to_utf8())
	if elapsed > idle_for + 30:
		_finish("RESULT timeout")
