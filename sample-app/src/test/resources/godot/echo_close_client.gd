extends SceneTree
# The seed's "Minimal client example" against the seed's "Minimal server example" (the sample's
# /echo endpoint, no sub-protocol), adapted to run headless (_init / _idle / quit). After the
# echo it closes cleanly with a code and a reason, which the server must report as sent.

# The URL we will connect to (given by the test)
var websocket_url = OS.get_environment("PEERSOCKET_URL")
# Our WebSocketClient instance
var _client = WebSocketClient.new()

const WATCHDOG_MSEC = 30000
var _started = OS.get_ticks_msec()

func _init():
	# Connect base signals to get notified of connection open, close, and errors.
	_client.connect("connection_closed", self, "_closed")
	_client.connect("connection_error", self, "_closed")
	_client.connect("connection_established", self, "_connected")
	_client.connect("server_close_request", self, "_server_close_request")
	# This signal is emitted when not using the Multiplayer API every time
	# a full packet is received.
	_client.connect("data_received", self, "_on_data")
	# Initiate connection to the given URL.
	var err = _client.connect_to_url(websocket_url)
	if err != OK:
		print("Unable to connect")
		quit(1)

func _closed(was_clean = false):
	# was_clean will tell you if the disconnection was correctly notified
	# by the remote peer before closing the socket.
	print("Closed, clean: ", was_clean)
	quit()

func _server_close_request(code, reason):
	print("Server close request, code: ", code, ", reason: ", reason)

func _connected(proto = ""):
	# This is called on connection, "proto" will be the selected WebSocket
	# sub-protocol (which is optional)
	print("Connected with protocol: ", proto)
	# You MUST always use get_peer(1).put_packet to send data to server,
	# and not put_packet directly when not using the MultiplayerAPI.
	_client.get_peer(1).put_packet("Test packet".to_utf8())

func _on_data():
	# Print the received packet, you MUST always use get_peer(1).get_packet
	# to receive data from server, and not get_packet directly when not
	# using the MultiplayerAPI.
	print("Got data from server: ", _client.get_peer(1).get_packet().get_string_from_utf8())
	print("Disconnecting with code: 4000, reason: bye")
	_client.disconnect_from_host(4000, "bye")

func _idle(delta):
	# Call this in _process or _physics_process. Data transfer, and signals
	# emission will only happen when calling this function.
	_client.poll()
	if OS.get_ticks_msec() - _started > WATCHDOG_MSEC:
		print("Watchdog: gave up after ", WATCHDOG_MSEC, " ms")
		quit(2)
	return false
