extends SceneTree

# A Godot 3 WebSocketServer for VariantEndToEndTest's Java client: every packet is read with
# get_var; a Dictionary is compared with this script's own values (key by key, var2bytes) and
# answered with put_var({"verdict": <equal|...>, "echo": the same values}), then the script
# quits once its client left. Prints "LISTENING" when ready and "GOT <verdict>" per packet.
# Environment: VAR_PORT, VAR_TIMEOUT seconds.

var server = WebSocketServer.new()
var elapsed = 0.0
var timeout = float(OS.get_environment("VAR_TIMEOUT"))

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
	server.connect("data_received", self, "_data")
	server.connect("client_disconnected", self, "_gone")
	var err = server.listen(int(OS.get_environment("VAR_PORT")))
	if err != OK:
		print("GOT listen-error %d" % err)
		quit(1)
		return
	print("LISTENING")

func _data(id):
	var peer = server.get_peer(id)
	var value = peer.get_var()
	var verdict = compare(values(), value)
	print("GOT %s" % verdict)
	peer.put_var({"verdict": verdict, "echo": values()})

func _gone(id, was_clean = false):
	server.stop()
	quit()

func _idle(delta):
	server.poll()
	elapsed += delta
	if elapsed > timeout:
		print("GOT timeout")
		quit(2)
