package io.peersocket.variant;

/**
 * The engine's {@code Vector3}.
 *
 * @param x the x component
 * @param y the y component
 * @param z the z component
 */
public record Vector3(float x, float y, float z) {
}
