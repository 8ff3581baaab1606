package io.peersocket.internal.server.servlet;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Puts one peer's messages together from the container's partial deliveries, counting
 * bytes against the input limit. The container's own whole-message buffers are sized to
 * the largest message and kept for the life of the session (a byte buffer of the limit
 * and a char buffer of twice it, about 170 KiB per peer at the default 64 KiB); with
 * partial delivery the container keeps its small default buffers and a message takes
 * memory here only while it arrives. Used by one container thread at a time, as the
 * container reads a session's socket.
 */
final class MessageAssembler {

    private final int limit;

    private @Nullable List<byte[]> parts;

    private int size;

    private boolean refused;

    /**
     * @param limit the largest message in bytes (text as UTF-8, as on the wire)
     */
    MessageAssembler(int limit) {
        this.limit = limit;
    }

    /**
     * Adds the next part of the current message.
     * @param part the bytes of this part
     * @param last whether it ends the message
     * @return the whole message when {@code last}, else {@code null}; always {@code null}
     * once a message went past the limit ({@link #refused()})
     */
    byte @Nullable [] add(byte[] part, boolean last) {
        if (this.refused) {
            return null;
        }
        if (part.length > this.limit - this.size) {
            this.refused = true;
            this.parts = null;
            return null;
        }
        List<byte[]> earlier = this.parts;
        if (earlier == null) {
            if (last) {
                return part; // the usual case: the whole message in one delivery, no copy
            }
            earlier = new ArrayList<>();
            this.parts = earlier;
        }
        earlier.add(part);
        this.size += part.length;
        if (!last) {
            return null;
        }
        byte[] whole = new byte[this.size];
        int offset = 0;
        for (byte[] each : earlier) {
            System.arraycopy(each, 0, whole, offset, each.length);
            offset += each.length;
        }
        this.parts = null;
        this.size = 0;
        return whole;
    }

    /**
     * @return whether a message went past the limit: the peer is closed with 1009, the
     * rest ignored
     */
    boolean refused() {
        return this.refused;
    }

}
