/**
 * The service provider interface: what integrations implement to plug into the server and
 * the client, as opposed to what applications call (the API packages) and what has no
 * promise ({@code io.peersocket.internal}). {@link io.peersocket.spi.PeerSocketObserver}
 * (metrics, and anything that wants the same events),
 * {@link io.peersocket.spi.HandlerScope} (what wraps each handler call: observations,
 * MDC; {@link io.peersocket.spi.ClientSignalScope} the same around a client's listeners),
 * {@link io.peersocket.spi.UpgradeAuthenticator} (who a client is on the dedicated port),
 * {@link io.peersocket.spi.ServerTransport} (what serves the endpoints) and
 * {@link io.peersocket.spi.ClientObserverProvider}. The types here import the API and
 * never the internals.
 */
@NullMarked
package io.peersocket.spi;

import org.jspecify.annotations.NullMarked;
