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
 * Parameters, resolved by type and name: {@link io.peersocket.peer.Peer}, {@code int id},
 * {@code int code} (the second {@code int}, or the one named {@code code}), {@code String reason}
 * (one trailing NUL, as the engine sends, removed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientCloseRequest {

}
