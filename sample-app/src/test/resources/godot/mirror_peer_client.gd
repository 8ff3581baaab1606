extends SceneTree
# The seed's "Minimal client example" as one of two clients of the sample's lws-mirror-protocol
# endpoint, adapted to run headless (_init / _idle / quit). The other client is libwebsockets'
# test client, which draws random circles: text packets "c #RRGGBB x y r;". This client prints
# the first circle it receives, then sends its own text packet, which the mirror gives to every
# client, this one included.

# The URL we will connect to (given by the test)
var websocket_url = OS.get_environment("PEERSOCKET_URL")
# What this client sends to the other one (given by the test)
var message = OS.get_environment("PEERSOCKET_MESSAGE")
# Our WebSocketClient instance
var _client = WebSocketClient.new()

const WATCHDOG_MSEC = 30000
var _started = OS.get_ticks_msec()
var _circle_seen = false
var _own_seen = false

func _init():
	_client.connect("connection_closed", self, "_closed")
	_client.connect("connection_error", self, "_closed")
	_client.connect("connection_established", self, "_connected")
	_client.connect("data_received", self, "_on_data")
	var err = _client.connect_to_url(websocket_url, ["lws-mirror-protocol"])
	if err != OK:
		print("Unable to connect")
		quit(1)

func _closed(was_clean = false):
	print("Closed, clean: ", was_clean)
	quit()

func _connected(proto = ""):
	print("Connected with protocol: ", proto)
	_client.get_peer(1).set_write_mode(WebSocketPeer.WRITE_MODE_TEXT)

func _on_data():
	var peer = _client.get_peer(1)
	var text = peer.get_packet().get_string_from_utf8()
	var string = peer.was_string_packet()
	if text == message:
		if not _own_seen:
			_own_seen = true
			print("Got own packet back: ", text, ", was_string_packet: ", string)
			_client.disconnect_from_host(1000, "done")
	elif not _circle_seen:
		_circle_seen = true
		print("Got data from other client: ", text, ", was_string_packet: ", string)
		peer.put_packet(message.to_utf8())

func _idle(delta):
	_client.poll()
	if OS.get_ticks_msec() - _started > WATCHDOG_MSEC:
		print("Watchdog: gave up after ", WATCHDOG_MSEC, " ms")
		quit(2)
	return false
