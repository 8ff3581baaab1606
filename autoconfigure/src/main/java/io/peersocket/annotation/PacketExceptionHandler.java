package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * Handles what another method of the same handler threw. Parameters: the Throwable (or a subtype it must match), Peer, int id. A non-void result is sent to the peer.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PacketExceptionHandler {

}
