package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * client_connected(id, protocol): a peer completed its upgrade. Parameters: Peer, int id, String protocol.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientConnected {

}
