package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler#client() client} {@link PacketHandler} bean for the
 * engine's client signal
 * {@code server_close_request(code, reason)}: the server started a close handshake. Parameters:
 * Peer, int code, String reason (the engine's trailing NUL removed). {@code connection_closed}
 * follows.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerCloseRequest {

}
