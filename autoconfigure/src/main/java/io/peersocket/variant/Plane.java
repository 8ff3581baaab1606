package io.peersocket.variant;

import java.util.Objects;

/**
 * The engine's {@code Plane}.
 *
 * @param normal the normal
 * @param d the distance from the origin
 */
public record Plane(Vector3 normal, float d) {

    /**
     * Checks that no component is null.
     * @param normal the normal
     * @param d the distance from the origin
     */
    public Plane {
        Objects.requireNonNull(normal, "normal");
    }

}
