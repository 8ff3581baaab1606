package io.peersocket.variant;

import java.util.Objects;

/**
 * The engine's {@code Transform2D}, as GDScript's {@code Transform2D(x, y, origin)}: the
 * engine sends {@code x}, {@code y} and {@code origin} in that order.
 *
 * @param x the x axis
 * @param y the y axis
 * @param origin the translation
 */
public record Transform2D(Vector2 x, Vector2 y, Vector2 origin) {

    /**
     * Checks that no component is null.
     * @param x the x axis
     * @param y the y axis
     * @param origin the translation
     */
    public Transform2D {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(origin, "origin");
    }

}
