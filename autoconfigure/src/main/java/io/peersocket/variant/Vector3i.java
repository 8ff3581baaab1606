package io.peersocket.variant;

/**
 * Pandemonium's {@code Vector3i} (no such type in Godot 3).
 *
 * @param x the x component
 * @param y the y component
 * @param z the z component
 */
public record Vector3i(int x, int y, int z) {
}
