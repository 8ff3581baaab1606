package io.peersocket.variant;

/**
 * The kinds of Variant the codec reads and writes. Each {@link VariantDialect} gives them
 * the wire ids of its engine; a kind a dialect lacks has none there.
 */
public enum VariantType {

    /** {@code null}. */
    NIL,
    /** {@code bool}. */
    BOOL,
    /** {@code int}, 32 or 64 bits on the wire. */
    INT,
    /** {@code float}, 32 or 64 bits on the wire. */
    REAL,
    /** {@code String}. */
    STRING,
    /** {@code Vector2}. */
    VECTOR2,
    /** {@code Rect2}. */
    RECT2,
    /** {@code Vector3}. */
    VECTOR3,
    /** {@code Transform2D}. */
    TRANSFORM2D,
    /** {@code Plane}. */
    PLANE,
    /** {@code Quat} (Pandemonium: {@code Quaternion}). */
    QUAT,
    /** {@code AABB}. */
    AABB,
    /** {@code Basis}. */
    BASIS,
    /** {@code Transform}. */
    TRANSFORM,
    /** {@code Color}. */
    COLOR,
    /** {@code NodePath}. */
    NODE_PATH,
    /** {@code RID}. */
    RID,
    /** {@code Object}, by id or whole. */
    OBJECT,
    /** {@code Dictionary}. */
    DICTIONARY,
    /** {@code Array}. */
    ARRAY,
    /** {@code PoolByteArray}. */
    POOL_BYTE_ARRAY,
    /** {@code PoolIntArray}. */
    POOL_INT_ARRAY,
    /** {@code PoolRealArray}. */
    POOL_REAL_ARRAY,
    /** {@code PoolStringArray}. */
    POOL_STRING_ARRAY,
    /** {@code PoolVector2Array}. */
    POOL_VECTOR2_ARRAY,
    /** {@code PoolVector3Array}. */
    POOL_VECTOR3_ARRAY,
    /** {@code PoolColorArray}. */
    POOL_COLOR_ARRAY,
    /** Pandemonium's {@code Rect2i}. */
    RECT2I,
    /** Pandemonium's {@code Vector2i}. */
    VECTOR2I,
    /** Pandemonium's {@code Vector3i}. */
    VECTOR3I,
    /** Pandemonium's {@code Vector4}. */
    VECTOR4,
    /** Pandemonium's {@code Vector4i}. */
    VECTOR4I,
    /** Pandemonium's {@code StringName}. */
    STRING_NAME;

}
