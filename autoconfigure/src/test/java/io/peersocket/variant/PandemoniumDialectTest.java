package io.peersocket.variant;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Pandemonium dialect. No Pandemonium binary runs here, so the vectors are derived by
 * hand from its source ({@code core/variant/variant.h}'s type enum and
 * {@code core/io/marshalls.cpp}): same value layouts as Godot 3, its own type ids, and
 * its extra types.
 */
class PandemoniumDialectTest {

    private final VariantCodec codec = VariantCodec.of(VariantDialect.PANDEMONIUM);

    private void assertVector(Object value, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThat(HexFormat.of().formatHex(this.codec.encode(value))).isEqualTo(hex.replace(" ", ""));
        assertThat(Variants.deepEquals(this.codec.decode(bytes), value)).as("decoded %s", value).isTrue();
    }

    @Test
    void sharedTypesTakePandemoniumIds() {
        assertVector(null, "00000000");
        assertVector(7, "02000000 07000000");
        assertVector(0.1, "03000100 9a9999999999b93f");
        assertVector("ab", "04000000 02000000 61620000");
        assertVector(new Rect2(new Vector2(1, 2), new Vector2(3, 4)), "05000000 0000803f 00000040 00004040 00008040");
        assertVector(new Vector2(1.5f, -2), "07000000 0000c03f 000000c0");
        assertVector(new Vector3(1, 2, 3), "09000000 0000803f 00000040 00004040");
        assertVector(new Plane(new Vector3(1, 2, 3), 4), "0d000000 0000803f 00000040 00004040 00008040");
        assertVector(new Quat(1, 2, 3, 4), "0e000000 0000803f 00000040 00004040 00008040");
        assertVector(new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)),
                "12000000 0000803f 00000040 00004040 00008040 0000a040 0000c040");
        assertVector(new Color(1, 0, 0, 1), "14000000 0000803f 00000000 00000000 0000803f");
        assertVector(NodePath.of("/a"), "15000000 01000080 00000000 01000000 01000000 61000000");
        assertVector(new RID(), "16000000");
        assertVector(new ObjectId(5), "17000100 0500000000000000");
        Map<Object, Object> dictionary = new LinkedHashMap<>();
        dictionary.put("k", List.of(1));
        assertVector(dictionary, "19000000 01000000 04000000 01000000 6b000000 1a000000 01000000 02000000 01000000");
        assertVector(new byte[] { 9 }, "1d000000 01000000 09000000");
        assertVector(new int[] { -1 }, "1e000000 01000000 ffffffff");
        assertVector(new float[] { 1 }, "1f000000 01000000 0000803f");
        assertVector(new String[] { "a" }, "20000000 01000000 02000000 61000000");
        assertVector(new Vector2[] { new Vector2(1, 2) }, "21000000 01000000 0000803f 00000040");
        assertVector(new Vector3[] { new Vector3(1, 2, 3) }, "23000000 01000000 0000803f 00000040 00004040");
        assertVector(new Color[] { new Color(1, 0, 0, 1) }, "27000000 01000000 0000803f 00000000 00000000 0000803f");
    }

    @Test
    void pandemoniumOnlyTypes() {
        assertVector(new Rect2i(new Vector2i(1, 2), new Vector2i(3, 4)),
                "06000000 01000000 02000000 03000000 04000000");
        assertVector(new Vector2i(-1, 2), "08000000 ffffffff 02000000");
        assertVector(new Vector3i(1, 2, 3), "0a000000 01000000 02000000 03000000");
        assertVector(new Vector4(1, 2, 3, 4), "0b000000 0000803f 00000040 00004040 00008040");
        assertVector(new Vector4i(1, 2, 3, 4), "0c000000 01000000 02000000 03000000 04000000");
        assertVector(new StringName("abc"), "18000000 03000000 61626300");
        assertThatThrownBy(() -> VariantCodec.godot3().encode(new StringName("x")))
            .isInstanceOf(VariantEncodingException.class)
            .hasMessageContaining("STRING_NAME");
    }

    @Test
    void typesWithoutJavaCounterpartAreRefused() {
        // Projection (19), TypedArray (27) and the integer pool arrays (34) exist in
        // Pandemonium
        // but are not read here; 40 and above are not types at all.
        for (String hex : List.of("13000000", "1b000000", "22000000 00000000")) {
            assertThatThrownBy(() -> this.codec.decode(HexFormat.of().parseHex(hex.replace(" ", ""))))
                .isInstanceOf(VariantDecodingException.class)
                .hasMessageContaining("is not supported");
        }
        assertThatThrownBy(() -> this.codec.decode(HexFormat.of().parseHex("28000000")))
            .isInstanceOf(VariantDecodingException.class)
            .hasMessageContaining("Unknown Variant type id 40");
    }

}
