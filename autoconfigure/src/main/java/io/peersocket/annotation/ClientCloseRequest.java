package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * client_close_request(id, code, reason): the peer started a close handshake. Parameters: Peer, int id, int code, String reason.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientCloseRequest {

}
