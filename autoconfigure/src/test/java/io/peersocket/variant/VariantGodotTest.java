package io.peersocket.variant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.test.Godot;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Godot 3.2.3's own {@code var2bytes} of a fixed set of values covering every Variant
 * type and both number widths (printed by {@code variant_vectors.gd}) must be byte for
 * byte what the Java encoder produces, and the Java decoder must read Godot's bytes back
 * equal.
 */
class VariantGodotTest {

    private final VariantCodec codec = VariantCodec.godot3();

    /** The script's values, in Java. */
    static Map<String, Object> expectedValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("nil", Arrays.asList((Object) null)); // wrapped: a map value cannot be
                                                         // null here
        values.put("true", true);
        values.put("false", false);
        values.put("int_zero", 0);
        values.put("int_minus_one", -1);
        values.put("int_max32", Integer.MAX_VALUE);
        values.put("int_min32", Integer.MIN_VALUE);
        values.put("int_over32", 2147483648L);
        values.put("int_under32", -2147483649L);
        values.put("int_big", 9007199254740993L);
        values.put("float_half", 0.5);
        values.put("float_minus_zero", -0.0);
        values.put("float_third", 1.0 / 3.0);
        values.put("float_tenth", 0.1);
        values.put("float_huge", 1e300);
        values.put("string_empty", "");
        values.put("string_ascii", "abc");
        values.put("string_utf8", "héllo wörld ✓");
        values.put("vector2", new Vector2(1.5f, -2f));
        values.put("rect2", new Rect2(new Vector2(1, 2), new Vector2(3, 4)));
        values.put("vector3", new Vector3(1, 2.25f, -3));
        values.put("transform2d", new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)));
        values.put("plane", new Plane(new Vector3(1, 2, 3), 4));
        values.put("quat", new Quat(0.1f, 0.2f, 0.3f, 0.4f));
        values.put("aabb", new AABB(new Vector3(1, 2, 3), new Vector3(4, 5, 6)));
        Basis basis = new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9));
        values.put("basis", basis);
        values.put("transform", new Transform(basis, new Vector3(10, 11, 12)));
        values.put("color", new Color(0.1f, 0.2f, 0.3f, 0.4f));
        values.put("nodepath_relative", NodePath.of("a/b:c"));
        values.put("nodepath_absolute", NodePath.of("/root/Main"));
        values.put("nodepath_empty", NodePath.of(""));
        values.put("nodepath_subnames", NodePath.of(":p:q"));
        values.put("rid", new RID());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("script", null);
        values.put("object_full", new GodotObject("Reference", properties));
        values.put("dictionary_empty", Map.of());
        Map<Object, Object> dictionary = new LinkedHashMap<>();
        dictionary.put("name", "ship");
        dictionary.put(7, new Vector2(1, 2));
        dictionary.put("nested", Map.of("a", List.of(1, 2.5)));
        values.put("dictionary", dictionary);
        values.put("array_empty", List.of());
        values.put("array", List.of(1, "x", Arrays.asList(2, null), true));
        values.put("pool_byte", new byte[] { 1, 2, 3, (byte) 255, 0 });
        values.put("pool_int", new int[] { 1, -2, Integer.MAX_VALUE });
        values.put("pool_real", new float[] { 0.5f, -1.25f, 0.1f });
        values.put("pool_string", new String[] { "a", "bc", "", "déf" });
        values.put("pool_vector2", new Vector2[] { new Vector2(1, 2), new Vector2(-3, 4.5f) });
        values.put("pool_vector3", new Vector3[] { new Vector3(1, 2, 3) });
        values.put("pool_color", new Color[] { new Color(1, 0, 0, 1), new Color(0.5f, 0.5f, 0.5f, 0.5f) });
        return values;
    }

    static Object unwrap(String name, Object value) {
        return name.equals("nil") ? null : value;
    }

    /**
     * Godot 3.2.3's var2bytes leaves the padding after each name of a NodePath unwritten
     * (it skips those bytes in a buffer it does not clear), so they hold whatever memory
     * held: zero them, as the Java encoder writes them. The decoder ignores padding
     * either way.
     */
    static byte[] zeroNodePathPadding(byte[] bytes) {
        byte[] copy = bytes.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int strings = (buffer.getInt(4) & 0x7FFFFFFF) + buffer.getInt(8);
        int position = 16;
        for (int i = 0; i < strings; i++) {
            position += 4 + buffer.getInt(position);
            while (position % 4 != 0) {
                copy[position++] = 0;
            }
        }
        return copy;
    }

    @Test
    void javaEncodesWhatGodotEncodesAndDecodesItBack() throws Exception {
        Godot.assumeInstalled();
        Map<String, String> godot = new LinkedHashMap<>();
        try (PeerProcess process = Godot.start("variants", "variant_vectors.gd", Map.of())) {
            process.awaitLine("done"::equals, Duration.ofSeconds(60));
            for (String line : process.lines()) {
                int equals = line.indexOf('=');
                if (equals > 0 && line.substring(equals + 1).matches("[0-9a-f]*")) {
                    godot.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }
        Map<String, Object> values = expectedValues();
        assertThat(godot.keySet()).containsExactlyElementsOf(values.keySet());
        List<String> mismatches = new ArrayList<>();
        values.forEach((name, wrapped) -> {
            Object value = unwrap(name, wrapped);
            boolean full = name.equals("object_full");
            String java = HexFormat.of().formatHex(this.codec.encode(value, full));
            byte[] engine = HexFormat.of().parseHex(godot.get(name));
            String expected = HexFormat.of()
                .formatHex(name.startsWith("nodepath") ? zeroNodePathPadding(engine) : engine);
            if (!java.equals(expected)) {
                mismatches.add(name + ": Godot " + expected + ", Java " + java);
            }
            Object decoded = this.codec.decode(HexFormat.of().parseHex(godot.get(name)), full);
            if (!Variants.deepEquals(value, decoded)) {
                mismatches.add(name + ": decoded " + decoded + ", expected " + value);
            }
        });
        assertThat(mismatches).isEmpty();
    }

}
