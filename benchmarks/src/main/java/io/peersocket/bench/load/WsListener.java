package io.peersocket.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * What a scenario does with one connection's events; every call is on the connection's
 * event loop.
 */
public interface WsListener {

    /** The upgrade completed and was verified. */
    default void onOpen(WsConn conn) {
    }

    /**
     * One whole data message (fragments already joined).
     * @param text whether it came in text frames
     * @param buf holds the payload; valid only during the call
     * @param index where the payload starts in {@code buf}
     * @param length payload length
     */
    void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length);

    /** The server sent a close frame (answered already unless we started the close). */
    default void onClose(WsConn conn, int code) {
    }

    /**
     * The TCP connection is gone; {@code error} is non-null when the protocol or the
     * upgrade failed.
     */
    default void onDisconnected(WsConn conn, String error) {
    }

}
