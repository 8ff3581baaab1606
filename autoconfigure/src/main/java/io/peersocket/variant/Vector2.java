package io.peersocket.variant;

/**
 * The engine's {@code Vector2}: two 32-bit floats, as the engine stores them.
 *
 * @param x the x component
 * @param y the y component
 */
public record Vector2(float x, float y) {
}
