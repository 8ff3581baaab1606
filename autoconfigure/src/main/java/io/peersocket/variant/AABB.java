package io.peersocket.variant;

import java.util.Objects;

/**
 * The engine's {@code AABB}.
 *
 * @param position the corner with the smallest coordinates
 * @param size the extent
 */
public record AABB(Vector3 position, Vector3 size) {

    /**
     * Checks that no component is null.
     * @param position the corner with the smallest coordinates
     * @param size the extent
     */
    public AABB {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }

}
