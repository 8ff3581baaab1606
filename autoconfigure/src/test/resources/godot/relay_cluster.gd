# A Godot 3 relay client (WebSocketClient with gd_mp_api = true) at the packet level for
# ClusterRelayGodotTest: two clients, A and B, on two nodes of a cluster. Environment: MP_URL,
# MP_NAME (A or B), MP_OTHER (the other's name), MP_TIMEOUT seconds.
#
# Each client greets every client it learns of ("hello:NAME") so that logs use names, not the
# run's random ids. Once it knows the other it sends, in this order: to the other (targeted), to
# everybody (0), to everybody but the other (-other: only the server gets it), to everybody but
# itself (-me: the other gets it), then "done:NAME" to everybody. It is finished when it has the
# other's "done": per-sender order says that everything the other sent it came before.
# It prints "ID NAME id" once connected, "LOG NAME line" per packet received, then "RESULT NAME ok".
extends SceneTree

var client = WebSocketClient.new()
var name = OS.get_environment("MP_NAME")
var other_name = OS.get_environment("MP_OTHER")
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var names = {1: "server"}
var other = 0
var succeeded = false
var sent = false
var done = false
var finished = false
var elapsed = 0.0
var quit_in = -1.0

func _init():
	client.connect("connection_succeeded", self, "_succeeded")
	client.connect("server_disconnected", self, "_server_gone")
	client.connect("peer_connected", self, "_peer_connected")
	var err = client.connect_to_url(OS.get_environment("MP_URL"), PoolStringArray(), true)
	if err != OK:
		print("RESULT %s connect-error %d" % [name, err])
		quit()

func _send(target, text):
	client.set_target_peer(target)
	var err = client.put_packet(text.to_utf8())
	if err != OK:
		print("RESULT %s put-packet-error %d" % [name, err])

func _succeeded():
	succeeded = true
	print("ID %s %d" % [name, client.get_unique_id()])

func _server_gone():
	if not finished:
		print("RESULT %s server-disconnected" % name)
		quit()

func _peer_connected(id):
	if id != 1:
		_send(id, "hello:" + name)

func _receive():
	while client.get_available_packet_count() > 0:
		var from = client.get_packet_peer()
		var text = client.get_packet().get_string_from_utf8()
		if text == "hello:" + other_name:
			names[from] = other_name
			other = from
		elif text == "done:" + other_name:
			done = true
		print("LOG %s %s %s" % [name, names.get(from, "unknown-" + str(from)), text])

func _idle(delta):
	elapsed += delta
	client.poll()
	if quit_in >= 0:
		quit_in -= delta
		if quit_in < 0:
			quit()
		return
	if elapsed > timeout:
		print("RESULT %s timeout succeeded=%s other=%d done=%s" % [name, succeeded, other, done])
		quit()
		return
	_receive()
	if not sent and succeeded and other != 0:
		sent = true
		var me = client.get_unique_id()
		_send(other, "%s>%s" % [name, other_name])
		_send(0, "%s>all" % name)
		_send(-other, "%s>not%s" % [name, other_name])
		_send(-me, "%s>not%s" % [name, name])
		_send(0, "done:" + name)
	if sent and done and not finished:
		finished = true
		print("RESULT %s ok" % name)
		client.disconnect_from_host(1000, "bye")
		quit_in = 0.5
