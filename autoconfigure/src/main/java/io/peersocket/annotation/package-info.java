/**
 * The annotation programming model: {@link io.peersocket.annotation.PacketHandler} beans
 * with methods named after the engine's signals, their parameters resolved by type, and
 * by name where a signal carries two values of one type (an ambiguous parameter fails
 * startup).
 */
@NullMarked
package io.peersocket.annotation;

import org.jspecify.annotations.NullMarked;
