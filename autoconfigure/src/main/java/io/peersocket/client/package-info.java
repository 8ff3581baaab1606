/**
 * The client template, as the engine's {@code WebSocketClient}:
 * {@link io.peersocket.client.PeerSocketClient} connects to any WebSocket server, the
 * server is peer 1 with the same {@link io.peersocket.peer.Peer} API as on the server
 * side, and the client signals reach {@link io.peersocket.client.ClientListener}s or
 * {@code @PacketHandler(client = ...)} beans, pushed or through {@code poll()}. Built on
 * Spring WebFlux's {@code ReactorNettyWebSocketClient}, sharing the core and the reactive
 * connection with the server.
 */
@NullMarked
package io.peersocket.client;

import org.jspecify.annotations.NullMarked;
