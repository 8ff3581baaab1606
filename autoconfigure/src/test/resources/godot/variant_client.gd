extends SceneTree

# A Godot 3 WebSocketClient that talks to VariantEndToEndTest's Java server with put_var and
# get_var. It sends a packet that is no Variant (the server must answer it with an error and
# stay up), then put_var of a Dictionary holding every Variant type but Object. The server
# checks it and answers put_var({"verdict": ..., "echo": its own copy of the same values}).
# This script compares the echo with its own values, key by key (var2bytes, because Godot 3
# compares dictionaries by reference), and prints "VERDICT java=<verdict> godot=<equal|...>".
# Environment: VAR_URL, VAR_TIMEOUT seconds.

var client = WebSocketClient.new()
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
	client.connect("connection_established", self, "_established")
	client.connect("connection_error", self, "_error")
	client.connect("connection_closed", self, "_closed")
	client.connect("data_received", self, "_data")
	var err = client.connect_to_url(OS.get_environment("VAR_URL"))
	if err != OK:
		print("VERDICT connect-error %d" % err)
		quit(1)

func _established(protocol):
	var peer = client.get_peer(1)
	peer.put_packet(PoolByteArray([255, 0, 0, 0]))
	peer.put_var(values())

func _data():
	var peer = client.get_peer(1)
	var value = peer.get_var()
	if typeof(value) == TYPE_STRING:
		print("ANSWER %s" % value)
		return
	if typeof(value) != TYPE_DICTIONARY or not value.has("verdict"):
		print("VERDICT unexpected %s" % str(value))
		quit(1)
		return
	print("VERDICT java=%s godot=%s" % [value["verdict"], compare(values(), value["echo"])])
	client.disconnect_from_host(1000, "done")

func _error():
	print("VERDICT connection-error")
	quit(1)

func _closed(was_clean = false):
	print("CLOSED %s" % str(was_clean))
	quit()

func _idle(delta):
	client.poll()
	elapsed += delta
	if elapsed > timeout:
		print("VERDICT timeout")
		quit(2)
