package io.peersocket.client;

import java.util.Map;

import io.peersocket.multiplayer.MultiplayerPeer;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.PeerError;
import org.jspecify.annotations.Nullable;

/**
 * The multiplayer side of a {@link PeerSocketClient} in relay mode, as the engine's
 * {@code WebSocketClient} connected with {@code gd_mp_api = true}: the id the server gave
 * this client ({@code SYS_ID}), the peers it announced ({@code SYS_ADD}, {@code SYS_DEL};
 * the server, 1, among them), payloads received with their source, and sends with a
 * target. One object for the client's whole life
 * ({@link PeerSocketClient#multiplayer()}); it follows the current connection.
 * <p>
 * The id and the peer list change in signal order: in push mode just before the listeners
 * hear of it, in poll mode inside {@code poll()}, as in the engine. Payloads wait in peer
 * 1's input queue (its limits apply, and a full queue pauses reading);
 * {@link #getPacketPeer()} is the source of the packet {@link #getPacket()} returns next,
 * exactly as the engine's {@code get_packet_peer()} (read it first), and
 * {@link #nextFrame()} gives source, target and payload together. A message shorter than
 * the header, a text frame, a system message that is not 13 bytes from the server, or an
 * unknown type is dropped, logged and counted.
 * <p>
 * {@link #putPacket(int, byte[])} sends a payload with {@code from} = this client's id
 * through the server, which relays it: 1 the server's application, 0 everybody, -N
 * everybody but N, N one peer; it answers {@link PeerError#ERR_UNAVAILABLE} when not
 * connected and {@link PeerError#ERR_OUT_OF_MEMORY} when the output limit is full. A
 * client has no connections to refuse: {@code setRefuseNewConnections} is kept for the
 * interface only, as in the engine. The library implements this interface; applications
 * call it and do not implement it.
 */
public interface RelayClient extends MultiplayerPeer {

    /** Drop reason: a system message that is not 13 bytes or not from the server. */
    String DROP_BAD_SYSTEM_MESSAGE = "relay-bad-system-message";

    /** Drop reason: a message type the protocol does not have. */
    String DROP_UNKNOWN_TYPE = "relay-unknown-type";

    /**
     * @return the client this is the multiplayer side of
     */
    PeerSocketClient client();

    /**
     * {@code get_packet_peer()}: the source of the packet {@link #getPacket()} returns
     * next.
     * @return its id, or 1 when no packet waits (the engine's value then)
     */
    int getPacketPeer();

    /**
     * {@code get_packet()}: the oldest payload, without its header.
     * @return the payload, or an empty array when none waits ({@link #getPacketError()}
     * is then {@link PeerError#ERR_UNAVAILABLE})
     */
    byte[] getPacket();

    /**
     * The oldest payload with its header: source ({@code from}), target ({@code to}) and
     * payload.
     * @return the frame, or {@code null} when none waits
     */
    @Nullable RelayFrame nextFrame();

    /**
     * @return the result of the last {@link #getPacket()} or {@link #nextFrame()}
     */
    PeerError getPacketError();

    /**
     * @return payloads waiting ({@code get_available_packet_count})
     */
    int getAvailablePacketCount();

    /**
     * @return messages from the server dropped as malformed, every reason together
     */
    long getDroppedCount();

    /**
     * @return messages dropped by reason ({@link RelayServer#DROP_TOO_SHORT},
     * {@link RelayServer#DROP_TEXT_FRAME}, ...)
     */
    Map<String, Long> getDroppedCounts();

}
