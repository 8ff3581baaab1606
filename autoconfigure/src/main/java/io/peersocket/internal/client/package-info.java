/**
 * Internal, no compatibility promise: the machinery behind the
 * {@code io.peersocket.client} API, one responsibility per class.
 * {@link io.peersocket.internal.client.DefaultPeerSocketClient} holds the connection
 * state machine (one {@link io.peersocket.internal.client.Attempt} at a time, reconnects
 * after {@link io.peersocket.internal.client.ReconnectSchedule}'s delays);
 * {@link io.peersocket.internal.client.ConnectTarget} checks what {@code connectToUrl} is
 * given; {@link io.peersocket.internal.client.Connector} opens one attempt on Reactor
 * Netty (TLS through {@link io.peersocket.internal.client.ClientTls});
 * {@link io.peersocket.internal.client.ClientSessionHandler} puts the server on the core
 * as peer 1 with the shared reactive transport;
 * {@link io.peersocket.internal.client.ClientSignals} tells the listeners;
 * {@link io.peersocket.internal.client.DefaultRelayClient} speaks the relay protocol. The
 * API's builder finds {@link io.peersocket.internal.client.ReactorClientFactory} as a
 * service.
 */
@NullMarked
package io.peersocket.internal.client;

import org.jspecify.annotations.NullMarked;
