# A Godot 3 client of a multiplayer relay (WebSocketClient with gd_mp_api = true), driven at
# the packet level (put_packet, set_target_peer, get_packet, get_packet_peer) by the test
# RelayGodotTest. Environment: MP_URL, MP_NAME (A, B or C), MP_LEAVES_FIRST (the name of the
# client that leaves first; the others wait until they see it leave), MP_TIMEOUT seconds.
#
# Each client greets every peer it learns of ("hello:NAME", and "hello-server:NAME" to the
# server) so that logs use names, not the run's random ids. Once it knows the two others it
# sends the test packets below, then "done:NAME" to everybody. The server answers
# "ping-server:X" with "pong-server:X" to the sender, and once every client is done it sends its
# own test packets and "fin" to everybody. A client is finished when it has "done" from the two
# others and "fin": per-sender order guarantees that everything addressed to it came before.
# It prints one "LOG NAME line" per event, then "RESULT NAME ok".
extends SceneTree

var client = WebSocketClient.new()
var name = OS.get_environment("MP_NAME")
var leaves_first = OS.get_environment("MP_LEAVES_FIRST")
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var names = {1: "server"}    # peer id -> name
var ids = {}                 # name -> peer id
var peers = []               # ids from peer_connected, in order
var done_from = {}
var fin = false
var sent = false
var finished = false
var succeeded = false
var left = []
var elapsed = 0.0
var quit_in = -1.0

func _init():
	client.connect("connection_succeeded", self, "_succeeded")
	client.connect("connection_failed", self, "_failed")
	client.connect("server_disconnected", self, "_server_gone")
	client.connect("peer_connected", self, "_peer_connected")
	client.connect("peer_disconnected", self, "_peer_disconnected")
	var err = client.connect_to_url(OS.get_environment("MP_URL"), PoolStringArray(), true)
	if err != OK:
		print("RESULT %s connect-error %d" % [name, err])
		quit()

func _log(line):
	print("LOG %s %s" % [name, line])

func _send(target, text):
	client.set_target_peer(target)
	var err = client.put_packet(text.to_utf8())
	if err != OK:
		print("RESULT %s put-packet-error %d" % [name, err])

func _succeeded():
	succeeded = true
	var id = client.get_unique_id()
	if id < 2 or id > 2147483647:
		print("RESULT %s bad-id %d" % [name, id])
	_send(1, "hello-server:" + name)

func _failed():
	# Godot 3.2.3 also signals connection_failed when a relay client disconnects.
	if not finished:
		print("RESULT %s connection-failed" % name)
		quit()

func _server_gone():
	if not finished:
		print("RESULT %s server-disconnected" % name)
		quit()

func _peer_connected(id):
	peers.append(id)
	if id != 1:
		_send(id, "hello:" + name)

func _peer_disconnected(id):
	# Only the leave the test arranges is logged: the others finish in no fixed order.
	if not finished and names.get(id, "") == leaves_first:
		_log("left %s" % leaves_first)
	left.append(names.get(id, str(id)))

func _receive():
	while client.get_available_packet_count() > 0:
		var from = client.get_packet_peer()
		var text = client.get_packet().get_string_from_utf8()
		if text.begins_with("hello:"):
			var other = text.substr(6, text.length() - 6)
			names[from] = other
			ids[other] = from
		elif text.begins_with("done:"):
			done_from[text.substr(5, text.length() - 5)] = true
		elif text == "fin" and from == 1:
			fin = true
		_log("%s %s" % [names.get(from, "unknown-" + str(from)), text])

func _send_tests():
	var others = ids.keys()
	others.sort()
	var order = ["A", "B", "C"]
	var y = order[(order.find(name) + 1) % 3]
	var me = client.get_unique_id()
	_send(ids[y], "%s>%s" % [name, y])
	_send(0, "%s>all" % name)
	_send(-ids[y], "%s>not%s" % [name, y])
	_send(-me, "%s>not%s" % [name, name])
	_send(-1, "%s>not1" % name)
	_send(me, "%s>self" % name)
	_send(7, "%s>nobody" % name)
	_send(1, "ping-server:%s-to1" % name)
	_send(0, "ping-server:%s-to0" % name)
	_send(-ids[y], "ping-server:%s-not%s" % [name, y])
	_send(-1, "ping-server:%s-not1" % name)
	_send(ids[y], "ping-server:%s-to%s" % [name, y])
	_send(0, "done:" + name)

func _idle(delta):
	elapsed += delta
	client.poll()
	if quit_in >= 0:
		quit_in -= delta
		if quit_in < 0:
			quit()
		return
	if elapsed > timeout:
		print("RESULT %s timeout succeeded=%s ids=%s done=%s fin=%s" % [name, succeeded, ids.keys(), done_from.keys(), fin])
		quit()
		return
	_receive()
	if not sent and succeeded and ids.size() == 2:
		sent = true
		_send_tests()
	if sent and done_from.size() == 2 and fin and not finished:
		if name == leaves_first or leaves_first in left:
			finished = true
			_log("peers seen %d" % peers.size())
			print("RESULT %s ok" % name)
			client.disconnect_from_host(1000, "bye")
			quit_in = 0.5
