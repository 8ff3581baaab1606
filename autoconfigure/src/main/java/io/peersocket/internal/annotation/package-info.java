/**
 * Internal, no compatibility promise: the annotation model's machinery: the scanners that
 * turn {@code @PacketHandler} beans into listeners, the per-method parameter binding, and
 * the AOT hints for handler methods.
 */
@NullMarked
package io.peersocket.internal.annotation;

import org.jspecify.annotations.NullMarked;
