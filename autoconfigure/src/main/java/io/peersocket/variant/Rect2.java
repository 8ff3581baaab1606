package io.peersocket.variant;

import java.util.Objects;

/**
 * The engine's {@code Rect2}.
 *
 * @param position the top-left corner
 * @param size the width and height
 */
public record Rect2(Vector2 position, Vector2 size) {

    /**
     * Checks that no component is null.
     * @param position the top-left corner
     * @param size the width and height
     */
    public Rect2 {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }

}
