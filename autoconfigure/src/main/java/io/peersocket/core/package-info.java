/**
 * The engine's semantics, independent of any transport: peer ids, the subprotocol rule,
 * per-peer queues and limits, push and poll dispatch, close bookkeeping. Nothing here imports
 * a servlet, Reactor or Netty type; transports implement {@link io.peersocket.core.Connection}.
 */
@NullMarked
package io.peersocket.core;

import org.jspecify.annotations.NullMarked;
