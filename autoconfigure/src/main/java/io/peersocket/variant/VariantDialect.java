package io.peersocket.variant;

import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Whose Variant type table the bytes follow. The layout of each value is the same in both
 * engines; the type ids differ, because Pandemonium inserted types (integer vectors,
 * Vector4, Projection, StringName, typed arrays, more pool arrays) into the enum.
 */
public enum VariantDialect {

    /**
     * Godot 3.x (3.2 to 3.6): {@code core/variant.h}'s enum, ids 0 to 26. Checked byte
     * for byte against Godot 3.2.3's {@code var2bytes}.
     */
    GODOT_3(Map.ofEntries(Map.entry(VariantType.NIL, 0), Map.entry(VariantType.BOOL, 1), Map.entry(VariantType.INT, 2),
            Map.entry(VariantType.REAL, 3), Map.entry(VariantType.STRING, 4), Map.entry(VariantType.VECTOR2, 5),
            Map.entry(VariantType.RECT2, 6), Map.entry(VariantType.VECTOR3, 7), Map.entry(VariantType.TRANSFORM2D, 8),
            Map.entry(VariantType.PLANE, 9), Map.entry(VariantType.QUAT, 10), Map.entry(VariantType.AABB, 11),
            Map.entry(VariantType.BASIS, 12), Map.entry(VariantType.TRANSFORM, 13), Map.entry(VariantType.COLOR, 14),
            Map.entry(VariantType.NODE_PATH, 15), Map.entry(VariantType.RID, 16), Map.entry(VariantType.OBJECT, 17),
            Map.entry(VariantType.DICTIONARY, 18), Map.entry(VariantType.ARRAY, 19),
            Map.entry(VariantType.POOL_BYTE_ARRAY, 20), Map.entry(VariantType.POOL_INT_ARRAY, 21),
            Map.entry(VariantType.POOL_REAL_ARRAY, 22), Map.entry(VariantType.POOL_STRING_ARRAY, 23),
            Map.entry(VariantType.POOL_VECTOR2_ARRAY, 24), Map.entry(VariantType.POOL_VECTOR3_ARRAY, 25),
            Map.entry(VariantType.POOL_COLOR_ARRAY, 26)), 27),

    /**
     * Pandemonium: {@code core/variant/variant.h}'s enum (ids 0 to 39). Its types with no
     * Java counterpart here (Projection, typed arrays, the integer and Vector4 pool
     * arrays) are refused as unsupported. Derived from the engine's source: no
     * Pandemonium binary checked it.
     */
    PANDEMONIUM(Map.ofEntries(Map.entry(VariantType.NIL, 0), Map.entry(VariantType.BOOL, 1),
            Map.entry(VariantType.INT, 2), Map.entry(VariantType.REAL, 3), Map.entry(VariantType.STRING, 4),
            Map.entry(VariantType.RECT2, 5), Map.entry(VariantType.RECT2I, 6), Map.entry(VariantType.VECTOR2, 7),
            Map.entry(VariantType.VECTOR2I, 8), Map.entry(VariantType.VECTOR3, 9), Map.entry(VariantType.VECTOR3I, 10),
            Map.entry(VariantType.VECTOR4, 11), Map.entry(VariantType.VECTOR4I, 12), Map.entry(VariantType.PLANE, 13),
            Map.entry(VariantType.QUAT, 14), Map.entry(VariantType.AABB, 15), Map.entry(VariantType.BASIS, 16),
            Map.entry(VariantType.TRANSFORM, 17), Map.entry(VariantType.TRANSFORM2D, 18),
            Map.entry(VariantType.COLOR, 20), Map.entry(VariantType.NODE_PATH, 21), Map.entry(VariantType.RID, 22),
            Map.entry(VariantType.OBJECT, 23), Map.entry(VariantType.STRING_NAME, 24),
            Map.entry(VariantType.DICTIONARY, 25), Map.entry(VariantType.ARRAY, 26),
            Map.entry(VariantType.POOL_BYTE_ARRAY, 29), Map.entry(VariantType.POOL_INT_ARRAY, 30),
            Map.entry(VariantType.POOL_REAL_ARRAY, 31), Map.entry(VariantType.POOL_STRING_ARRAY, 32),
            Map.entry(VariantType.POOL_VECTOR2_ARRAY, 33), Map.entry(VariantType.POOL_VECTOR3_ARRAY, 35),
            Map.entry(VariantType.POOL_COLOR_ARRAY, 39)), 40);

    private final Map<VariantType, Integer> ids;

    private final @Nullable VariantType[] types;

    private final int typeCount;

    VariantDialect(Map<VariantType, Integer> ids, int typeCount) {
        this.ids = new EnumMap<>(ids);
        this.typeCount = typeCount;
        this.types = new VariantType[typeCount];
        ids.forEach((type, id) -> this.types[id] = type);
    }

    /**
     * @param type a kind of Variant
     * @return its wire id, or -1 when this engine has no such type
     */
    public int id(VariantType type) {
        Integer id = this.ids.get(type);
        return (id != null) ? id : -1;
    }

    /**
     * @param id a wire id (the low byte of the header)
     * @return the kind, or {@code null} when the id is one this engine has but the codec
     * does not read
     */
    @Nullable VariantType type(int id) {
        return this.types[id];
    }

    /**
     * @return how many type ids the engine has: a higher one is invalid data
     */
    int typeCount() {
        return this.typeCount;
    }

}
