package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler#client() client} {@link PacketHandler} bean
 * for the engine's client signal {@code connection_error()}: the connection could not be
 * made (refused, no upgrade in time, TLS failure, an HTTP error or a subprotocol the
 * client did not offer). Parameters: the cause (declare it as Throwable or Exception),
 * Peer (not connected), int id (1).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConnectionError {

}
