/**
 * Auto-configuration: wires the beans of the other packages from {@code peersocket.*}
 * properties.
 */
@NullMarked
package io.peersocket.autoconfigure;

import org.jspecify.annotations.NullMarked;
