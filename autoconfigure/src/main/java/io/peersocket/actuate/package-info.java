/**
 * Operations: Micrometer meters, the actuator health contributor and the
 * {@code peersocket} actuator endpoint. Each class needs its library only when the
 * auto-configuration wires it.
 */
@NullMarked
package io.peersocket.actuate;

import org.jspecify.annotations.NullMarked;
