package io.peersocket.variant;

import java.util.Objects;

/**
 * The engine's {@code Basis}, as GDScript's {@code Basis(x, y, z)}: the three axes are
 * the matrix's columns. The engine sends the matrix row by row, so the codec transposes.
 *
 * @param x the x axis (first column)
 * @param y the y axis (second column)
 * @param z the z axis (third column)
 */
public record Basis(Vector3 x, Vector3 y, Vector3 z) {

    /**
     * Checks that no component is null.
     * @param x the x axis (first column)
     * @param y the y axis (second column)
     * @param z the z axis (third column)
     */
    public Basis {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
    }

}
