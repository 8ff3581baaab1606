package io.peersocket.variant;

/**
 * Pandemonium's {@code Vector4i} (no such type in Godot 3).
 *
 * @param x the x component
 * @param y the y component
 * @param z the z component
 * @param w the w component
 */
public record Vector4i(int x, int y, int z, int w) {
}
