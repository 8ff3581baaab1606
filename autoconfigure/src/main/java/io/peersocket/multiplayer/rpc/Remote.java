package io.peersocket.multiplayer.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * On a method of a {@link RemoteNode} bean: a remote function, as GDScript's
 * {@code remote func} (or {@code master func} ...): clients call it with
 * {@code rpc_id(1, "name", args...)} or {@code rpc("name", args...)}. Its parameters take
 * the call's arguments in order, each bound from its Variant by type (see
 * {@link MultiplayerApi}); an {@code int} or {@code long} parameter annotated
 * {@link RpcSenderId} and a {@link io.peersocket.peer.Peer} parameter take the caller
 * instead and are not arguments. The result is ignored, as the engine ignores it.
 * <p>
 * On a field: a remote property, as GDScript's {@code remote var}: clients set it with
 * {@code rset_id(1, "name", value)} or {@code rset("name", value)}. The field is written
 * with the value bound to its type (make it {@code volatile} or read it under a lock: it
 * is written on a handler thread).
 */
@Target({ ElementType.METHOD, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface Remote {

    /**
     * @return who may call or set it; {@link RpcMode#REMOTE} (anybody) by default
     */
    RpcMode value() default RpcMode.REMOTE;

    /**
     * @return the name clients use; the method's or field's own name when empty
     */
    String name() default "";

}
