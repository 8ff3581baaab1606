package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * client_disconnected(id, was_clean_close): the peer is gone. Parameters: Peer, int id, boolean wasClean.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientDisconnected {

}
