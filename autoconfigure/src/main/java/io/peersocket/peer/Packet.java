package io.peersocket.peer;

import java.nio.charset.StandardCharsets;

/**
 * One received WebSocket message.
 *
 * @param data the message bytes, owned by the receiver
 * @param string {@code true} when it arrived in a text frame
 * ({@code was_string_packet()})
 */
public record Packet(byte[] data, boolean string) {

    /**
     * The bytes decoded as UTF-8, as {@code get_string_from_utf8()}.
     * @return the text
     */
    public String text() {
        return new String(this.data, StandardCharsets.UTF_8);
    }

}
