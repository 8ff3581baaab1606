package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link PacketHandler} bean that handles the engine's signal
 * {@code client_connected(id, protocol)}: a client completed its WebSocket upgrade and is
 * now a peer with a random positive id.
 * <p>
 * Parameters, resolved by type: {@link io.peersocket.peer.Peer}, {@code int id},
 * {@code String protocol} (the selected subprotocol, empty when none),
 * {@link io.peersocket.peer.HandshakeInfo} (headers, query parameters, cookies, the
 * client's address of the upgrade request) and {@link java.security.Principal} (the
 * authenticated user, {@code null} when none). A non-void result is sent to the new peer
 * (a {@code String} as text, bytes in the peer's write mode, any other object as JSON
 * text). <pre>{@code
 * &#64;ClientConnected
 * void connected(int id, String protocol) {
 *     log.info("Client {} connected with protocol: {}", id, protocol);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientConnected {

}
