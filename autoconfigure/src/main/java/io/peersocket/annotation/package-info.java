/**
 * The annotation programming model: {@link io.peersocket.annotation.PacketHandler} beans with
 * methods named after the engine's signals, their parameters resolved by type and name.
 */
@NullMarked
package io.peersocket.annotation;

import org.jspecify.annotations.NullMarked;
