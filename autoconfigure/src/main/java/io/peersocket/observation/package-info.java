/**
 * Micrometer observations of handshakes ({@code peersocket.handshake}) and handler calls
 * ({@code peersocket.handler}), with conventions the application may replace, and the MDC
 * ({@code peersocket.peer.id}, {@code peersocket.endpoint}) on handler threads.
 */
@NullMarked
package io.peersocket.observation;

import org.jspecify.annotations.NullMarked;
