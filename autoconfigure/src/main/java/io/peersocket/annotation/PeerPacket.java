package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * peer_packet(source) on a multiplayer relay endpoint: a client sent a payload that the application, peer 1, receives: addressed to 1, to everybody (0), or to everybody but N (-N, N not 1). Parameters: int from (the source id), int to (the target it was sent to; named to or target, else the second int), the payload as byte[], ByteBuffer, String or any other type (read as JSON), Peer (the source), RelayServer. A non-void result is sent to the source alone, from peer 1.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PeerPacket {

}
