extends SceneTree

# A Godot 3 client of VariantEndToEndTest's Java relay (WebSocketClient, gd_mp_api = true) that
# exchanges put_var / get_var with peer 1 and with the other client. It put_var's
# {"from": NAME, "values": <every type but Object>} to peer 1 as soon as it is connected, and to
# every client it learns of. Peer 1 answers {"verdict": ..., "echo": its own copy}; a client's
# message is compared with this script's values. When it has both it prints
# "RESULT NAME java=<verdict> godot=<equal|...> peer=<equal|...>" and leaves.
# Environment: MP_URL, MP_NAME, MP_TIMEOUT seconds.

var client = WebSocketClient.new()
var name = OS.get_environment("MP_NAME")
var timeout = float(OS.get_environment("MP_TIMEOUT"))
var elapsed = 0.0
var quit_in = -1.0
var server_result = ""
var peer_result = ""

static func values():
	return {
		"nil": null,
		"true": true,
		"false": false,
		"int_zero": 0,
		"int_minus_one": -1,
		"int_max32": 2147483647,
		"int_min32": -2147483648,
		"int_over32": 2147483648,
		"int_under32": -2147483649,
		"int_big": 9007199254740993,
		"float_half": 0.5,
		"float_minus_zero": -0.0,
		"float_third": 1.0 / 3.0,
		"float_tenth": 0.1,
		"float_huge": 1e300,
		"string_empty": "",
		"string_ascii": "abc",
		"string_utf8": "héllo wörld ✓",
		"vector2": Vector2(1.5, -2),
		"rect2": Rect2(1, 2, 3, 4),
		"vector3": Vector3(1, 2.25, -3),
		"transform2d": Transform2D(Vector2(1, 2), Vector2(3, 4), Vector2(5, 6)),
		"plane": Plane(1, 2, 3, 4),
		"quat": Quat(0.1, 0.2, 0.3, 0.4),
		"aabb": AABB(Vector3(1, 2, 3), Vector3(4, 5, 6)),
		"basis": Basis(Vector3(1, 2, 3), Vector3(4, 5, 6), Vector3(7, 8, 9)),
		"transform": Transform(Basis(Vector3(1, 2, 3), Vector3(4, 5, 6), Vector3(7, 8, 9)), Vector3(10, 11, 12)),
		"color": Color(0.1, 0.2, 0.3, 0.4),
		"nodepath_relative": NodePath("a/b:c"),
		"nodepath_absolute": NodePath("/root/Main"),
		"nodepath_empty": NodePath(""),
		"nodepath_subnames": NodePath(":p:q"),
		"rid": RID(),
		"dictionary_empty": {},
		"dictionary": {"name": "ship", 7: Vector2(1, 2), "nested": {"a": [1, 2.5]}},
		"array_empty": [],
		"array": [1, "x", [2, null], true],
		"pool_byte": PoolByteArray([1, 2, 3, 255, 0]),
		"pool_int": PoolIntArray([1, -2, 2147483647]),
		"pool_real": PoolRealArray([0.5, -1.25, 0.1]),
		"pool_string": PoolStringArray(["a", "bc", "", "déf"]),
		"pool_vector2": PoolVector2Array([Vector2(1, 2), Vector2(-3, 4.5)]),
		"pool_vector3": PoolVector3Array([Vector3(1, 2, 3)]),
		"pool_color": PoolColorArray([Color(1, 0, 0, 1), Color(0.5, 0.5, 0.5, 0.5)]),
	}

static func compare(expected, actual):
	if typeof(actual) != TYPE_DICTIONARY:
		return "not-a-dictionary"
	if actual.keys() != expected.keys():
		return "keys %s" % str(actual.keys())
	for key in expected:
		# Godot 3.2.3's var2bytes leaves a NodePath's padding bytes unwritten (garbage), so
		# NodePaths are compared by value; everything else byte for byte.
		if typeof(expected[key]) == TYPE_NODE_PATH:
			if typeof(actual[key]) != TYPE_NODE_PATH or expected[key] != actual[key]:
				return "differs-at-%s got %s" % [key, str(actual[key])]
		elif var2bytes(expected[key]).hex_encode() != var2bytes(actual[key]).hex_encode():
			return "differs-at-%s expected %s got %s" % [key, var2bytes(expected[key]).hex_encode(), var2bytes(actual[key]).hex_encode()]
	return "equal"

func _init():
	client.connect("connection_succeeded", self, "_succeeded")
	client.connect("peer_connected", self, "_peer_connected")
	var err = client.connect_to_url(OS.get_environment("MP_URL"), PoolStringArray(), true)
	if err != OK:
		print("RESULT %s connect-error %d" % [name, err])
		quit(1)

func _send(target):
	client.set_target_peer(target)
	var err = client.put_var({"from": name, "values": values()})
	if err != OK:
		print("RESULT %s put-var-error %d" % [name, err])

func _succeeded():
	_send(1)

func _peer_connected(id):
	if id != 1:
		_send(id)

func _receive():
	while client.get_available_packet_count() > 0:
		var from = client.get_packet_peer()
		var value = client.get_var()
		if from == 1:
			server_result = "java=%s godot=%s" % [value["verdict"], compare(values(), value["echo"])]
		else:
			peer_result = "peer=%s" % compare(values(), value["values"])

func _idle(delta):
	elapsed += delta
	client.poll()
	if quit_in >= 0:
		quit_in -= delta
		if quit_in < 0:
			quit()
		return
	if elapsed > timeout:
		print("RESULT %s timeout server=%s peer=%s" % [name, server_result, peer_result])
		quit(2)
		return
	_receive()
	if server_result != "" and peer_result != "":
		print("RESULT %s %s %s" % [name, server_result, peer_result])
		quit_in = 1.0
