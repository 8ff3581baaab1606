package io.peersocket.variant;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Helpers for decoded Variants. */
public final class Variants {

    private Variants() {
    }

    /**
     * Compares two Variants as the engine's {@code ==} on the decoded values does:
     * numbers by value whatever their Java box ({@code 7} equals {@code 7L}, {@code 0.5f}
     * equals {@code 0.5}), pool arrays by content, maps by their entries in order, lists
     * element by element.
     * @param a a value
     * @param b another value
     * @return whether they are the same Variant
     */
    public static boolean deepEquals(@Nullable Object a, @Nullable Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isInteger(a) && isInteger(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if ((a instanceof Float || a instanceof Double) && (b instanceof Float || b instanceof Double)) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()) == 0;
        }
        if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> others = right.entrySet().iterator();
            for (Map.Entry<?, ?> entry : left.entrySet()) {
                Map.Entry<?, ?> other = others.next();
                if (!deepEquals(entry.getKey(), other.getKey()) || !deepEquals(entry.getValue(), other.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!deepEquals(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof GodotObject left && b instanceof GodotObject right) {
            return left.className().equals(right.className()) && deepEquals(left.properties(), right.properties());
        }
        return Objects.deepEquals(a, b);
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

}
