/**
 * Internal, no compatibility promise: the engine's semantics, independent of any
 * transport: peer ids, the subprotocol rule, per-peer queues and limits, push and poll
 * dispatch, close bookkeeping. Nothing here imports a servlet, Reactor or Netty type (the
 * architecture test checks it); transports implement
 * {@link io.peersocket.internal.core.Connection} and call back
 * {@link io.peersocket.internal.core.PeerEndpoint} and the transport half of
 * {@link io.peersocket.internal.core.PeerSession}.
 */
@NullMarked
package io.peersocket.internal.core;

import org.jspecify.annotations.NullMarked;
