package io.peersocket.multiplayer.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * On a method of a {@link RemoteNode} bean: receives the raw bytes clients send with
 * {@code get_tree().multiplayer.send_bytes(bytes, 1)} (or to everybody), the engine's
 * {@code network_peer_packet(id, packet)} signal. Parameters: the bytes as
 * {@code byte[]}, the sender as an {@code int} or {@code long} annotated
 * {@link RpcSenderId}, its {@link io.peersocket.peer.Peer}. Every such method of the
 * relay's nodes receives every raw packet.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface NetworkPeerPacket {

}
