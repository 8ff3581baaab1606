/**
 * Internal, no compatibility promise: the upgrade checks both server transports share
 * (origins, extra headers, the upgrade's own headers, connection limits), below the
 * transports so that neither imports the other nor the server's assembly.
 */
@NullMarked
package io.peersocket.internal.server.handshake;

import org.jspecify.annotations.NullMarked;
