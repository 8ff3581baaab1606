package io.peersocket.variant;

import java.util.Objects;

/**
 * Pandemonium's {@code Rect2i} (no such type in Godot 3).
 *
 * @param position the top-left corner
 * @param size the width and height
 */
public record Rect2i(Vector2i position, Vector2i size) {

    /**
     * Checks that no component is null.
     * @param position the top-left corner
     * @param size the width and height
     */
    public Rect2i {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }

}
