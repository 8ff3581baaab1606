package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * peer_packet(source) on a multiplayer relay endpoint: a client sent a payload that the
 * application, peer 1, receives: addressed to 1, to everybody (0), or to everybody but N
 * (-N, N not 1).
 * <p>
 * Parameters, in any order: {@code int from} (the source id; named {@code from},
 * {@code source}, {@code id} or {@code peerId}), {@code int to} (the target it was sent
 * to; named {@code to} or {@code target}), the payload as byte[], ByteBuffer, String or
 * any other type (read as JSON), Peer (the source), RelayServer. The two {@code int}s are
 * told apart by name only: an {@code int} parameter named otherwise fails startup, naming
 * the bean, the method and the parameter, rather than swap source and target silently. A
 * non-void result is sent to the source alone, from peer 1. <pre>{@code
 * &#64;PeerPacket
 * String onPacket(int from, int to, String text) {
 *     return "echo: " + text;
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PeerPacket {

}
