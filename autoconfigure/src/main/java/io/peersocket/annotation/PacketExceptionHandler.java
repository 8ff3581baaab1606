package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link PacketHandler} bean that handles what another signal
 * method of the same bean threw (including a payload that could not be read as JSON). It
 * has no counterpart in the engine, whose scripts cannot throw.
 * <p>
 * Parameters, resolved by type: the exception (a {@link Throwable} or the subtype this
 * method handles; other exceptions pass on), {@link io.peersocket.peer.Peer},
 * {@code int id}. A non-void result is sent to the peer, as for {@link DataReceived}.
 * Exceptions that are not handled here are logged and counted, and close the peer with
 * 1011 only when {@code peersocket.server.close-on-handler-error} is {@code true}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PacketExceptionHandler {

}
