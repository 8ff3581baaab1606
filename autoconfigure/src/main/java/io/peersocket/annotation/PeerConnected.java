package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * peer_connected(id) on a multiplayer relay endpoint
 * (<code>@PacketHandler(multiplayer = true)</code>): a client joined and has been told
 * its id and the other peers. Parameters, by type: int id (any name), Peer, RelayServer.
 * A non-void result is sent to that client alone, from peer 1.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PeerConnected {

}
