/**
 * The reactive transport of the server.
 */
@NullMarked
package io.peersocket.server.reactive;

import org.jspecify.annotations.NullMarked;
