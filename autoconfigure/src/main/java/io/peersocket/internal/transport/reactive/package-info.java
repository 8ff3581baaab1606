/**
 * Internal, no compatibility promise: the reactive transport shared by the server's
 * reactive endpoints and the client: a WebFlux {@code WebSocketSession} on Reactor Netty
 * as a core {@code Connection} (output written straight to the channel, bounded by the
 * peer's limits) and demand-driven input (one message requested at a time while the
 * peer's input queue has room). It imports neither the server nor the client.
 */
@NullMarked
package io.peersocket.internal.transport.reactive;

import org.jspecify.annotations.NullMarked;
