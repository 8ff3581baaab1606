package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.peersocket.peer.WriteMode;

import org.springframework.stereotype.Component;

/**
 * A bean whose methods handle the engine's signals for one server endpoint or, with
 * {@link #client()}, for one named client connection. For an endpoint:
 * {@link ClientConnected}, {@link DataReceived}, {@link ClientCloseRequest},
 * {@link ClientDisconnected} and {@link PacketExceptionHandler}. A bean that implements
 * {@link io.peersocket.peer.PeerListener} instead receives the signals through that
 * interface.
 * <p>
 * Several handlers may share a path, one per subprotocol: the protocol negotiated by the
 * engine's rule picks the handler. A {@link #multiplayer()} endpoint has one handler.
 * <p>
 * Ahead-of-time processing registers the reflection hints of the signal methods and of
 * their JSON payload types, so handlers work in a native image.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PacketHandler {

    /**
     * @return the endpoint path; empty for {@code peersocket.server.path}
     */
    String path() default "";

    /**
     * @return the offered subprotocols; empty for {@code peersocket.server.protocols}
     */
    String[] protocols() default {};

    /**
     * @return the initial write mode of this endpoint's peers; empty for
     * {@code peersocket.server.write-mode}
     */
    WriteMode[] writeMode() default {};

    /**
     * @return the named client connection ({@code peersocket.client.connections.<name>})
     * whose signals this bean handles instead of a server endpoint's; its methods are
     * then {@link ConnectionEstablished}, {@link DataReceived},
     * {@link ServerCloseRequest}, {@link ConnectionClosed} and {@link ConnectionError},
     * and {@link #path()} and {@link #protocols()} must stay empty (the connection's
     * properties give the URL and protocols)
     */
    String client() default "";

    /**
     * @return whether the endpoint is a multiplayer relay ({@code gd_mp_api = true}): it
     * speaks the engine's relay protocol, selects no subprotocol, and this bean is its
     * own application, peer 1, with {@link PeerConnected}, {@link PeerPacket} and
     * {@link PeerDisconnected} methods (or a
     * {@link io.peersocket.multiplayer.MultiplayerListener}); {@link ClientCloseRequest}
     * also applies
     */
    boolean multiplayer() default false;

    /**
     * @return whether this bean's methods may block (a database call, a remote call).
     * {@code true}, the default, runs them on the handler threads
     * ({@code peersocket.server.handler-threads}; on the servlet transport, on the
     * container's thread that read the message, as plain Spring WebSocket handlers run).
     * {@code false} promises that they never block: in push mode they then run on the I/O
     * thread that read the message, without a thread hand-off (the fastest path, see
     * docs/benchmarks.md), still one at a time per peer and in arrival order. A blocking
     * call in such a method stalls every peer that thread serves. Plain server endpoints
     * only.
     */
    boolean blocking() default true;

    /**
     * @return the authorities a client needs, any one of them, to connect to this handler
     * (Spring Security's names: {@code ROLE_ADMIN}, {@code SCOPE_game}); checked against
     * the principal before the upgrade on both transports: 401 when unauthenticated, 403
     * when it has none of them. Empty, the default: no check. On a multiplayer relay they
     * apply to its clients (peer 1 is the application itself).
     */
    String[] authorities() default {};

}
