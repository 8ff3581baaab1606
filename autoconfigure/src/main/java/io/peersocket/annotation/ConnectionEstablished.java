package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler#client() client} {@link PacketHandler} bean
 * for the engine's client signal {@code connection_established(protocol)}: the connection
 * to the server is open. Parameters: Peer (the server, peer 1), int id (1), String
 * protocol (the subprotocol the server selected, empty when none). A non-void result is
 * sent to the server.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConnectionEstablished {

}
