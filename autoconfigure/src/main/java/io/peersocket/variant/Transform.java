package io.peersocket.variant;

import java.util.Objects;

/**
 * The engine's {@code Transform} (3D).
 *
 * @param basis the rotation and scale
 * @param origin the translation
 */
public record Transform(Basis basis, Vector3 origin) {

    /**
     * Checks that no component is null.
     * @param basis the rotation and scale
     * @param origin the translation
     */
    public Transform {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(origin, "origin");
    }

}
