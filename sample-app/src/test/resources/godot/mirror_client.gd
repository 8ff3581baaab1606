extends SceneTree
# The seed's "Minimal client example" (WebSocket docs), adapted to run headless: a SceneTree
# script is set up in _init() instead of _ready(), polled from _idle() instead of _process(),
# and ends with quit(). After the seed's exchange it goes on: binary bytes that are not UTF-8,
# a text-mode packet, and a 60000-byte packet, each mirrored back by the server.

# The URL we will connect to (given by the test)
var websocket_url = OS.get_environment("PEERSOCKET_URL")
# Our WebSocketClient instance
var _client = WebSocketClient.new()

const WATCHDOG_MSEC = 30000
var _started = OS.get_ticks_msec()
var _received = 0
var _big = PoolByteArray()

func _init():
	# Connect base signals to get notified of connection open, close, and errors.
	_client.connect("connection_closed", self, "_closed")
	_client.connect("connection_error", self, "_closed")
	_client.connect("connection_established", self, "_connected")
	# This signal is emitted when not using the Multiplayer API every time
	# a full packet is received.
	_client.connect("data_received", self, "_on_data")
	for i in range(60000):
		_big.append((i * 31 + 7) % 256)
	# Initiate connection to the given URL.
	var err = _client.connect_to_url(websocket_url, ["lws-mirror-protocol"])
	if err != OK:
		print("Unable to connect")
		quit(1)

func _closed(was_clean = false):
	# was_clean will tell you if the disconnection was correctly notified
	# by the remote peer before closing the socket.
	print("Closed, clean: ", was_clean)
	quit()

func _connected(proto = ""):
	# This is called on connection, "proto" will be the selected WebSocket
	# sub-protocol (which is optional)
	print("Connected with protocol: ", proto)
	# You MUST always use get_peer(1).put_packet to send data to server,
	# and not put_packet directly when not using the MultiplayerAPI.
	_client.get_peer(1).put_packet("Test packet".to_utf8())

func _on_data():
	var peer = _client.get_peer(1)
	var pkt = peer.get_packet()
	var string = peer.was_string_packet()
	_received += 1
	if _received == 1:
		# Print the received packet, you MUST always use get_peer(1).get_packet
		# to receive data from server, and not get_packet directly when not
		# using the MultiplayerAPI.
		print("Got data from server: ", pkt.get_string_from_utf8())
		print("was_string_packet: ", string)
		peer.set_write_mode(WebSocketPeer.WRITE_MODE_BINARY)
		peer.put_packet(PoolByteArray([0x00, 0xff, 0xfe, 0x01, 0x80, 0xc3, 0x28]))
	elif _received == 2:
		print("Got binary: ", pkt.hex_encode(), ", was_string_packet: ", string)
		peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT)
		peer.put_packet("Text packet: d\u00e9j\u00e0 vu \u20ac".to_utf8())
	elif _received == 3:
		print("Got text: ", pkt.get_string_from_utf8(), ", was_string_packet: ", string)
		peer.set_write_mode(WebSocketPeer.WRITE_MODE_BINARY)
		print("Sending ", _big.size(), " bytes, sha256 of hex: ", _big.hex_encode().sha256_text())
		peer.put_packet(_big)
	elif _received == 4:
		print("Got ", pkt.size(), " bytes, sha256 of hex: ", pkt.hex_encode().sha256_text(),
				", equal: ", pkt.hex_encode() == _big.hex_encode(), ", was_string_packet: ", string)
		_client.disconnect_from_host(1000, "done")
	else:
		print("Unexpected packet: ", pkt.hex_encode())

func _idle(delta):
	# Call this in _process or _physics_process. Data transfer, and signals
	# emission will only happen when calling this function.
	_client.poll()
	if OS.get_ticks_msec() - _started > WATCHDOG_MSEC:
		print("Watchdog: gave up after ", WATCHDOG_MSEC, " ms")
		quit(2)
	return false
