package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link PacketHandler} bean that handles the engine's signal
 * {@code data_received(id)}: a whole message arrived from a peer.
 * <p>
 * Parameters, resolved by type: {@link io.peersocket.peer.Peer}, {@code int id},
 * {@code boolean} (whether it came in a text frame), and the payload as {@code byte[]},
 * {@link java.nio.ByteBuffer}, {@code String} (UTF-8 text),
 * {@link io.peersocket.peer.Packet} (bytes and frame type) or any record/POJO (read as
 * JSON by the application's JSON mapper). A method that takes no payload leaves the
 * packet queued for {@link io.peersocket.peer.Peer#getPacket()}, exactly as the engine.
 * <p>
 * A non-void result is sent back to that peer in the mode of the packet it answers (text
 * for text, binary for binary); an object other than text or bytes goes as JSON text.
 * <pre>{@code
 * &#64;DataReceived
 * String echo(String text) {
 *     return text;
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DataReceived {

}
