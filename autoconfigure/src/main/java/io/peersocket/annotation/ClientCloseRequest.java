package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link PacketHandler} bean that handles the engine's signal
 * {@code client_close_request(id, code, reason)}: the peer sent a close frame. The
 * {@link ClientDisconnected} signal follows.
 * <p>
 * Parameters, in any order: {@link io.peersocket.peer.Peer}, {@code int id} (named
 * {@code id} or {@code peerId}), {@code int code} (named {@code code} or
 * {@code closeCode}), {@code String reason} (one trailing NUL, as the engine sends,
 * removed). The two {@code int}s are told apart by name only: an {@code int} parameter
 * named otherwise fails startup, naming the bean, the method and the parameter, rather
 * than receive a number guessed from its position. <pre>{@code
 * &#64;ClientCloseRequest
 * void closing(int id, int code, String reason) {
 *     log.info("Client {} disconnecting with code: {}, reason: {}", id, code, reason);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientCloseRequest {

}
