/**
 * Test support for applications that use peersocket:
 * {@link io.peersocket.testkit.PeerSocketTestClient}, a blocking WebSocket client on the
 * JDK's {@code java.net.http}, and {@link io.peersocket.testkit.LocalPeerSocketUrl}, the
 * endpoints' base URL whichever transport serves them.
 */
@NullMarked
package io.peersocket.testkit;

import org.jspecify.annotations.NullMarked;
