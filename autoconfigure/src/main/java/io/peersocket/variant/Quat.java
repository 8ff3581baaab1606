package io.peersocket.variant;

/**
 * The engine's {@code Quat} (Pandemonium's {@code Quaternion}).
 *
 * @param x the x component
 * @param y the y component
 * @param z the z component
 * @param w the w component
 */
public record Quat(float x, float y, float z, float w) {
}
