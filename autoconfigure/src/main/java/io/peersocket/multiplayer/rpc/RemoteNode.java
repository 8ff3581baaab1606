package io.peersocket.multiplayer.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean (a {@code @Component}) as a node of the games' scene tree served by the
 * application (peer 1) over a multiplayer relay endpoint: Godot clients' {@code rpc},
 * {@code rpc_id} and {@code rset} on the node at this path, addressed to the server, call
 * its {@link Remote} methods and set its {@link Remote} fields. The application is the
 * node's network master, as the engine's server is of the nodes it did not hand to a
 * client, until it hands the node to one with
 * {@link MultiplayerApi#setNetworkMaster(String, int)}. <pre>
 * &#64;RemoteNode(path = "/root/Lobby")
 * class Lobby {
 *     &#64;Remote void register(&#64;RpcSenderId int id, String name) { ... }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface RemoteNode {

    /**
     * Named {@code path}, not {@code value}: Spring would take a stereotype's
     * {@code value} for the bean's name.
     * @return the node's path in the clients' scene tree, absolute
     * ({@code "/root/Lobby"}) or relative to the tree's root ({@code "Lobby"}), as the
     * engine sends it
     */
    String path();

    /**
     * @return the path of the relay endpoint that serves the node; empty for the only one
     */
    String relay() default "";

}
