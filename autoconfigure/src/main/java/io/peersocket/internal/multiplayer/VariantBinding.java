package io.peersocket.internal.multiplayer;

import java.util.List;
import java.util.Map;

import io.peersocket.variant.VariantCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Binds a decoded Variant to a Java parameter or field type, as the engine checks a typed
 * GDScript parameter: the value must be of that type, an int may widen to a float, an
 * untyped ({@code Object}) parameter takes anything. The Java types are those of
 * {@link VariantCodec}.
 */
final class VariantBinding {

    /** What {@link #bind} returns for a value the type cannot take. */
    static final Object MISMATCH = new Object();

    private VariantBinding() {
    }

    /**
     * @param type a parameter or field type
     * @return whether a Variant can ever be bound to it (checked at startup)
     */
    static boolean isBindable(Class<?> type) {
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Integer.class || boxed == Long.class || boxed == Double.class || boxed == Float.class
                || boxed == Boolean.class) {
            return true;
        }
        if (type == Object.class || type == String.class || type == List.class || type == Map.class
                || type == byte[].class || type == int[].class || type == float[].class || type == String[].class) {
            return true;
        }
        Class<?> element = type.isArray() ? type.getComponentType() : type;
        return element.isRecord() && element.getPackageName().equals(VariantCodec.class.getPackageName());
    }

    /**
     * @param value a decoded Variant
     * @param type the parameter or field type ({@link #isBindable(Class)})
     * @return the value to pass, or {@link #MISMATCH}
     */
    static @Nullable Object bind(@Nullable Object value, Class<?> type) {
        if (value == null) {
            return type.isPrimitive() ? MISMATCH : null;
        }
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Integer.class) {
            return (value instanceof Long number && number == number.intValue()) ? number.intValue() : MISMATCH;
        }
        if (boxed == Long.class) {
            return (value instanceof Long) ? value : MISMATCH;
        }
        if (boxed == Double.class) {
            return (value instanceof Double || value instanceof Long) ? ((Number) value).doubleValue() : MISMATCH;
        }
        if (boxed == Float.class) {
            return (value instanceof Double || value instanceof Long) ? ((Number) value).floatValue() : MISMATCH;
        }
        return boxed.isInstance(value) ? value : MISMATCH;
    }

    /**
     * @param value a decoded Variant
     * @return its type as the engine names it, for a log line
     */
    static String typeName(@Nullable Object value) {
        if (value == null) {
            return "Nil";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof List) {
            return "Array";
        }
        if (value instanceof Map) {
            return "Dictionary";
        }
        return value.getClass().getSimpleName();
    }

}
