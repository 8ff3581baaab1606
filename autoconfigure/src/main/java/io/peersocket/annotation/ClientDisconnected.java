package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link PacketHandler} bean that handles the engine's signal
 * {@code client_disconnected(id, was_clean_close)}: the peer is gone, its id is released
 * after this method returns.
 * <p>
 * Parameters, resolved by type: {@link io.peersocket.peer.Peer} (no longer connected;
 * unread packets can still be read), {@code int id}, {@code boolean wasClean} (whether
 * the close handshake completed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientDisconnected {

}
