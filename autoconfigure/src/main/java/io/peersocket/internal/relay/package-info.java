/**
 * Internal, no compatibility promise: the multiplayer relay behind the API's
 * {@code io.peersocket.multiplayer.RelayServer}, as its endpoint's traffic strategy.
 */
@NullMarked
package io.peersocket.internal.relay;

import org.jspecify.annotations.NullMarked;
