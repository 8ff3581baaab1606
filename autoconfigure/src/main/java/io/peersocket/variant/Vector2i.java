package io.peersocket.variant;

/**
 * Pandemonium's {@code Vector2i} (no such type in Godot 3).
 *
 * @param x the x component
 * @param y the y component
 */
public record Vector2i(int x, int y) {
}
