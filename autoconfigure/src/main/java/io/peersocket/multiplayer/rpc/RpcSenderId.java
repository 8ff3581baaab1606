package io.peersocket.multiplayer.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code int} or {@code long} parameter of a {@link Remote} or
 * {@link NetworkPeerPacket} method: receives the caller's peer id, the engine's
 * {@code get_tree().get_rpc_sender_id()} (1 when the application called its own sync
 * function). Not one of the call's arguments.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcSenderId {

}
