package io.peersocket.variant;

/**
 * The kinds of Variant the codec reads and writes. Each {@link VariantDialect} gives them the
 * wire ids of its engine; a kind a dialect lacks has none there.
 */
public enum VariantType {

    NIL, BOOL, INT, REAL, STRING,
    VECTOR2, RECT2, VECTOR3, TRANSFORM2D, PLANE, QUAT, AABB, BASIS, TRANSFORM,
    COLOR, NODE_PATH, RID, OBJECT, DICTIONARY, ARRAY,
    POOL_BYTE_ARRAY, POOL_INT_ARRAY, POOL_REAL_ARRAY, POOL_STRING_ARRAY,
    POOL_VECTOR2_ARRAY, POOL_VECTOR3_ARRAY, POOL_COLOR_ARRAY,
    // Pandemonium only
    RECT2I, VECTOR2I, VECTOR3I, VECTOR4, VECTOR4I, STRING_NAME

}
