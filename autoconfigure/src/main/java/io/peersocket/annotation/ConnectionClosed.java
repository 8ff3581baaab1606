package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler#client() client} {@link PacketHandler} bean
 * for the engine's client signal {@code connection_closed(was_clean_close)}: the
 * connection is gone. Parameters: Peer (unread packets can still be read), int id (1),
 * boolean wasClean (whether the close handshake completed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConnectionClosed {

}
