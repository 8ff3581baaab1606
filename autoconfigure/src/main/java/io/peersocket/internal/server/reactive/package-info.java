/**
 * Internal, no compatibility promise: the server's reactive transport (the dedicated
 * port's Reactor Netty server, or a WebFlux application's own), on the shared connection
 * of {@code io.peersocket.internal.transport.reactive}.
 */
@NullMarked
package io.peersocket.internal.server.reactive;

import org.jspecify.annotations.NullMarked;
