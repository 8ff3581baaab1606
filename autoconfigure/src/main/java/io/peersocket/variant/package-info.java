/**
 * The engine's Variant encoding ({@code put_var}, {@code get_var}, {@code var2bytes},
 * {@code bytes2var}): immutable Java types for the engine's values and a
 * {@link io.peersocket.variant.VariantCodec} per
 * {@link io.peersocket.variant.VariantDialect}.
 */
@NullMarked
package io.peersocket.variant;

import org.jspecify.annotations.NullMarked;
