package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler#client() client} {@link PacketHandler} bean
 * for the engine's client signal {@code server_close_request(code, reason)}: the server
 * started a close handshake. Parameters, in any order: Peer, {@code int code} (named
 * {@code code} or {@code closeCode}), String reason (the engine's trailing NUL removed),
 * {@code int id} (the server's, 1; named {@code id} or {@code peerId}). The {@code int}s
 * are told apart by name only: one named otherwise fails startup.
 * {@code connection_closed} follows.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerCloseRequest {

}
