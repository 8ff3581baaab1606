package io.peersocket.variant;

import java.util.Objects;

/**
 * Pandemonium's {@code StringName}, sent as a string under its own type id. Godot 3 has
 * no such Variant type: the {@link VariantDialect#GODOT_3} codec refuses it.
 *
 * @param name the text
 */
public record StringName(String name) {

    /**
     * Checks that no component is null.
     * @param name the text
     */
    public StringName {
        Objects.requireNonNull(name, "name");
    }

}
