package io.peersocket.peer;

import java.net.InetSocketAddress;
import java.util.Map;

import io.peersocket.variant.VariantSettings;
import org.jspecify.annotations.Nullable;

/**
 * One connected WebSocket peer, as the engine's {@code WebSocketPeer}. On a server every
 * client is a peer with a random positive id; on a client the server is peer 1.
 * <p>
 * Every method is safe to call from any thread. Sending never blocks and never
 * interleaves two messages: a packet is queued whole or refused with
 * {@link PeerError#ERR_OUT_OF_MEMORY}.
 */
public interface Peer {

    /**
     * @return the peer id: random, positive, never 0 or 1 for a client; 1 for the server
     */
    int id();

    /**
     * @return the negotiated subprotocol, or an empty string when none was selected
     */
    String protocol();

    /**
     * @return the path of the endpoint this peer connected to
     */
    String path();

    /**
     * Queues a packet in the current {@link #getWriteMode() write mode}, as
     * {@code put_packet}.
     * @param data the bytes to send; not copied, so do not change them afterwards
     * @return {@link PeerError#OK}, {@link PeerError#ERR_OUT_OF_MEMORY} when an output
     * limit is full, or {@link PeerError#ERR_UNAVAILABLE} when the peer is not connected
     */
    PeerError putPacket(byte[] data);

    /**
     * Queues a text message, whatever the write mode.
     * @param text the text
     * @return as {@link #putPacket(byte[])}
     */
    PeerError send(String text);

    /**
     * Queues a packet in the given frame type, whatever the write mode.
     * @param data the bytes; not copied
     * @param mode the frame type
     * @return as {@link #putPacket(byte[])}
     */
    PeerError send(byte[] data, WriteMode mode);

    /**
     * Takes the oldest unread packet, as {@code get_packet}.
     * @return its bytes, or an empty array when none is queued (then
     * {@link #getPacketError()} is {@link PeerError#ERR_UNAVAILABLE})
     */
    byte[] getPacket();

    /**
     * @return the result of the last {@link #getPacket()}
     */
    PeerError getPacketError();

    /**
     * Takes the oldest unread packet with its frame type.
     * @return the packet, or {@code null} when none is queued
     */
    @Nullable Packet nextPacket();

    /**
     * @return how many received packets wait to be read
     * ({@code get_available_packet_count})
     */
    int getAvailablePacketCount();

    /**
     * @return whether the last packet read was a text frame ({@code was_string_packet})
     */
    boolean wasStringPacket();

    /**
     * @param mode how later {@link #putPacket(byte[])} calls frame their data
     */
    void setWriteMode(WriteMode mode);

    /**
     * @return the current write mode; {@link WriteMode#BINARY} unless configured
     */
    WriteMode getWriteMode();

    /** Closes with 1000 and no reason, as {@code close()}. */
    default void close() {
        close(1000, "");
    }

    /**
     * Starts the close handshake once the packets already queued are sent, as
     * {@code close(code, reason)}. The disconnect signal follows.
     * @param code the close code (1000, 1001, 1002 ... 1014, or 3000-4999)
     * @param reason a reason of at most 123 bytes of UTF-8
     */
    void close(int code, String reason);

    /**
     * @return whether the connection is open ({@code is_connected_to_host})
     */
    boolean isConnectedToHost();

    /**
     * @return the remote address ({@code get_connected_host})
     */
    String getConnectedHost();

    /**
     * @return the remote port ({@code get_connected_port})
     */
    int getConnectedPort();

    /**
     * @return the remote socket address
     */
    InetSocketAddress remoteAddress();

    /**
     * @return what this peer's upgrade request said: headers, query parameters, cookies,
     * the client's address and the principal; {@link HandshakeInfo#NONE} for a client's
     * server peer
     */
    default HandshakeInfo handshake() {
        return HandshakeInfo.NONE;
    }

    /**
     * The application's own state for this peer, set and read from any signal and any
     * thread (a concurrent map: no null keys or values). It lives as long as the peer;
     * the engine has no such thing.
     * @return the attributes, modifiable
     */
    Map<String, Object> attributes();

    /**
     * @param name an attribute name
     * @param <T> the type it was set with
     * @return the value, or {@code null} when not set
     */
    @SuppressWarnings("unchecked")
    default <T> @Nullable T getAttribute(String name) {
        return (T) attributes().get(name);
    }

    /**
     * @param name an attribute name
     * @param value the value, or {@code null} to remove it
     */
    default void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            attributes().remove(name);
        }
        else {
            attributes().put(name, value);
        }
    }

    /**
     * @return bytes queued for sending and not yet handed to the socket
     */
    int getCurrentOutboundBufferedAmount();

    /**
     * @param enabled disables Nagle's algorithm ({@code set_no_delay})
     */
    void setNoDelay(boolean enabled);

    /**
     * @return how {@link #putVar} and {@link #getVar} encode Variants for this peer: its
     * endpoint's or client connection's dialect ({@code peersocket.server.variant.*},
     * {@code peersocket.client.connections.<name>.variant.*})
     */
    default VariantSettings variantSettings() {
        return VariantSettings.DEFAULT;
    }

    /**
     * Sends a value in the engine's Variant encoding, as {@code put_var(value)}: a packet
     * in the current write mode. See {@link io.peersocket.variant.VariantCodec} for the
     * Java types.
     * @param value the value
     * @return as {@link #putPacket(byte[])}; {@link PeerError#ERR_INVALID_PARAMETER} for
     * a value with no Variant type, {@link PeerError#ERR_OUT_OF_MEMORY} when its encoding
     * exceeds {@code encode_buffer_max_size} (both logged, nothing sent)
     */
    default PeerError putVar(@Nullable Object value) {
        return putVar(value, false);
    }

    /**
     * Sends a value, as {@code put_var(value, full_objects)}.
     * @param value the value
     * @param fullObjects whether a {@link io.peersocket.variant.GodotObject} is sent
     * whole
     * @return as {@link #putVar(Object)}
     */
    default PeerError putVar(@Nullable Object value, boolean fullObjects) {
        return VariantPackets.put(this, value, fullObjects);
    }

    /**
     * Takes the oldest unread packet and decodes it as a Variant, as {@code get_var()},
     * whole objects only when {@code allow-object-decoding} is set.
     * @return the value, or the error: {@link PeerError#ERR_UNAVAILABLE} when none is
     * queued, {@link PeerError#ERR_INVALID_DATA} when it is not a valid Variant (logged;
     * the packet is consumed, as by the engine)
     */
    default VariantResult getVar() {
        return getVar(variantSettings().allowObjectDecoding());
    }

    /**
     * As {@code get_var(allow_objects)}.
     * @param allowObjects whether a whole object is decoded; decoding one may be unsafe
     * when the receiving code trusts its class and properties
     * @return as {@link #getVar()}
     */
    default VariantResult getVar(boolean allowObjects) {
        return VariantPackets.get(this, allowObjects);
    }

}
