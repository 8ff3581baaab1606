package io.peersocket.variant;

/**
 * The engine's {@code Color}: four 32-bit floats, usually from 0 to 1.
 *
 * @param r red
 * @param g green
 * @param b blue
 * @param a alpha
 */
public record Color(float r, float g, float b, float a) {
}
