/**
 * The server, as the engine's {@code WebSocketServer}, and what its transports share.
 */
@NullMarked
package io.peersocket.server;

import org.jspecify.annotations.NullMarked;
