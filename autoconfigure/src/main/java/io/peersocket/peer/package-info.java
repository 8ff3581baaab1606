/**
 * The peer API, as the engine's {@code WebSocketPeer}: packets in and out, write modes,
 * limits and engine-named results.
 */
@NullMarked
package io.peersocket.peer;

import org.jspecify.annotations.NullMarked;
