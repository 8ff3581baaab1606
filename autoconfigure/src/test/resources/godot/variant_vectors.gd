extends SceneTree

# Prints var2bytes of a fixed set of values, one "name=hex" line each, then "done".
# VariantGodotTest holds the same values in Java and compares its encoder's bytes with these.

func _init():
	var obj = Reference.new()
	var values = [
		["nil", null],
		["true", true],
		["false", false],
		["int_zero", 0],
		["int_minus_one", -1],
		["int_max32", 2147483647],
		["int_min32", -2147483648],
		["int_over32", 2147483648],
		["int_under32", -2147483649],
		["int_big", 9007199254740993],
		["float_half", 0.5],
		["float_minus_zero", -0.0],
		["float_third", 1.0 / 3.0],
		["float_tenth", 0.1],
		["float_huge", 1e300],
		["string_empty", ""],
		["string_ascii", "abc"],
		["string_utf8", "héllo wörld ✓"],
		["vector2", Vector2(1.5, -2)],
		["rect2", Rect2(1, 2, 3, 4)],
		["vector3", Vector3(1, 2.25, -3)],
		["transform2d", Transform2D(Vector2(1, 2), Vector2(3, 4), Vector2(5, 6))],
		["plane", Plane(1, 2, 3, 4)],
		["quat", Quat(0.1, 0.2, 0.3, 0.4)],
		["aabb", AABB(Vector3(1, 2, 3), Vector3(4, 5, 6))],
		["basis", Basis(Vector3(1, 2, 3), Vector3(4, 5, 6), Vector3(7, 8, 9))],
		["transform", Transform(Basis(Vector3(1, 2, 3), Vector3(4, 5, 6), Vector3(7, 8, 9)), Vector3(10, 11, 12))],
		["color", Color(0.1, 0.2, 0.3, 0.4)],
		["nodepath_relative", NodePath("a/b:c")],
		["nodepath_absolute", NodePath("/root/Main")],
		["nodepath_empty", NodePath("")],
		["nodepath_subnames", NodePath(":p:q")],
		["rid", RID()],
		["object_full", obj],
		["dictionary_empty", {}],
		["dictionary", {"name": "ship", 7: Vector2(1, 2), "nested": {"a": [1, 2.5]}}],
		["array_empty", []],
		["array", [1, "x", [2, null], true]],
		["pool_byte", PoolByteArray([1, 2, 3, 255, 0])],
		["pool_int", PoolIntArray([1, -2, 2147483647])],
		["pool_real", PoolRealArray([0.5, -1.25, 0.1])],
		["pool_string", PoolStringArray(["a", "bc", "", "déf"])],
		["pool_vector2", PoolVector2Array([Vector2(1, 2), Vector2(-3, 4.5)])],
		["pool_vector3", PoolVector3Array([Vector3(1, 2, 3)])],
		["pool_color", PoolColorArray([Color(1, 0, 0, 1), Color(0.5, 0.5, 0.5, 0.5)])],
	]
	for entry in values:
		var full = entry[0] == "object_full"
		print(entry[0], "=", var2bytes(entry[1], full).hex_encode())
	print("done")
	quit()
