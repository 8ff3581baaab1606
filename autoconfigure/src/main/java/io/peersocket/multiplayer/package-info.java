/**
 * The engine's multiplayer relay ({@code gd_mp_api = true}): the message format
 * ({@link io.peersocket.multiplayer.RelayFrame}), the server relay with its own
 * application as peer 1 ({@link io.peersocket.multiplayer.RelayServer}), and the hook
 * that may pass, drop or rewrite relayed packets
 * ({@link io.peersocket.multiplayer.RelayHook}).
 */
@NullMarked
package io.peersocket.multiplayer;

import org.jspecify.annotations.NullMarked;
