package io.peersocket.variant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An object sent whole ({@code put_var(object, true)}): its class name and its stored
 * properties, in the sender's order. Decoded only when object decoding is allowed,
 * because the engine receiving it creates an instance of that class and sets those
 * properties, which may run code (a {@code script} property brings its own).
 *
 * @param className the engine class, for example {@code "Reference"}
 * @param properties the property values, by name (insertion order kept)
 */
public record GodotObject(String className, Map<String, @Nullable Object> properties) {

    /**
     * Checks that no component is null and copies the properties, keeping their order.
     * @param className the engine class, for example {@code "Reference"}
     * @param properties the property values, by name (insertion order kept)
     */
    public GodotObject {
        Objects.requireNonNull(className, "className");
        if (className.isEmpty()) {
            throw new IllegalArgumentException("className is empty: the engine reads that as a null object");
        }
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

}
