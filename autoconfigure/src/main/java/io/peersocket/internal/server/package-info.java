/**
 * Internal, no compatibility promise: what the server's transports share (the handshake
 * policy, connection limits, upgrade header checks) and the server's lifecycle beans.
 */
@NullMarked
package io.peersocket.internal.server;

import org.jspecify.annotations.NullMarked;
