package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads a {@link DataReceived} or {@link PeerPacket} payload parameter, or writes a
 * method's result, in the engine's Variant encoding ({@code put_var} / {@code get_var})
 * instead of JSON.
 * <p>
 * Needed only where the type alone does not say it: a parameter or result whose type is a
 * record of {@link io.peersocket.variant} (such as {@code Vector2}) or one of its pool
 * arrays ({@code Vector2[]}, {@code Vector3[]}, {@code Color[]}) is always a Variant.
 * Mark a {@code Map<String, Object>} (a Dictionary), a {@code List<Object>} (an Array),
 * an {@code Object}, a {@code String} or another plain type to read or send it as a
 * Variant; a record of the application without this mark stays JSON, as before.
 * <p>
 * The peer's dialect applies ({@code peersocket.server.variant.*}). A packet that is not
 * a valid Variant, or holds a value of another type than the parameter's, goes the
 * handler exception path ({@link PacketExceptionHandler}, else logged and counted) with a
 * {@link io.peersocket.variant.VariantDecodingException}. Numbers arrive as {@code Long}
 * and {@code Double}, so take {@code Long}, {@code Double}, {@code Number} or
 * {@code Object} for them. <pre>{@code
 * &#64;DataReceived
 *

&#64;VariantPayload
 * Map<String, Object> move(Peer peer, @VariantPayload Map<String, Object> state) {
 *     return Map.of("ok", true, "at", state.get("position"));
 * }
 * }</pre>
 */
@Target({ ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VariantPayload {

}
