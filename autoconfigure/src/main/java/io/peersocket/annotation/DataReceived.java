package io.peersocket.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PacketHandler} bean for the engine's signal
 * data_received(id): a packet arrived. Parameters: Peer, int id, and the payload as byte[], ByteBuffer, String (text), Packet, or any other type (read as JSON); a method that takes no payload leaves the packet in Peer#getPacket(). A non-void result is sent back to the peer in the mode of the packet it answers.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DataReceived {

}
