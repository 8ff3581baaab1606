package io.peersocket.multiplayer;

import java.util.Map;

import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/**
 * A relay endpoint, as the engine's {@code WebSocketServer} listening with
 * {@code gd_mp_api = true}, and its own application as peer 1.
 * <p>
 * On the wire (see {@link RelayFrame}): a client N that connects is sent
 * {@code SYS_ID(N)}, {@code SYS_ADD(1)}, then for each other client P in ascending id
 * order {@code SYS_ADD(N)} goes to P and {@code SYS_ADD(P)} to N; when it leaves every
 * other client is sent {@code SYS_DEL(N)}. A client's payload addressed to a peer is
 * relayed to that peer, to 0 to every other client, to -N to every other client but N,
 * never back to the sender, with the received bytes unchanged (one array shared by every
 * receiver). Peer 1, the application, receives what is addressed to 1, 0 or -N with N not
 * 1 ({@link MultiplayerListener#peerPacket}). Godot 3.2.3 also hands a packet addressed
 * to -1 ("everybody but the server") to its own application; this relay does not.
 * <p>
 * A message shorter than the header, a system message from a client, one whose
 * {@code from} is not the sender's id, or a text frame is dropped, logged and counted
 * (and the sender closed when {@link RelayOptions#strict()}). Routing runs on the I/O
 * thread that read the message, so a relayed packet costs no hand-off; the application's
 * signals follow the server's dispatch mode.
 * <p>
 * Applications inject it (or {@link RelayServers} when there are several); the server
 * builds it.
 */
public interface RelayServer extends MultiplayerPeer {

    /** Drop reason: a message shorter than the 9-byte header. */
    String DROP_TOO_SHORT = "relay-too-short";

    /** Drop reason: a client sent a system message (only the server may). */
    String DROP_SYSTEM_MESSAGE = "relay-system-message";

    /** Drop reason: a client's {@code from} was not its own id. */
    String DROP_SPOOFED_FROM = "relay-spoofed-from";

    /** Drop reason: a text frame (relay traffic is binary only). */
    String DROP_TEXT_FRAME = "relay-text-frame";

    /**
     * Drop reason: the target is no connected peer of this relay, or the sender itself.
     */
    String DROP_INVALID_TARGET = "relay-invalid-target";

    /**
     * Drop reason: a client addressed another client while client-to-client relay is off.
     */
    String DROP_CLIENT_RELAY_OFF = "relay-client-to-client-off";

    /** Drop reason: the {@link RelayHook} dropped it. */
    String DROP_HOOK = "relay-hook";

    /**
     * @return the endpoint's path
     */
    String path();

    /**
     * @return the options
     */
    RelayOptions options();

    /**
     * @param id a client's id
     * @return its connection, or {@code null} ({@code get_peer})
     */
    @Nullable Peer getPeer(int id);

    /**
     * @return how many clients are connected
     */
    int getPeerCount();

    /**
     * Closes a client ({@code disconnect_peer}); the others are sent {@code SYS_DEL} once
     * it is gone.
     * @param id the client
     * @param code the close code
     * @param reason the reason
     */
    void disconnectPeer(int id, int code, String reason);

    /**
     * @return client payloads routed (each counted once, whatever its number of
     * receivers)
     */
    long getRelayedCount();

    /**
     * @return client payloads handed to the application (peer 1)
     */
    long getDeliveredCount();

    /**
     * @return messages dropped, every reason together
     */
    long getDroppedCount();

    /**
     * @param reason one of the {@code DROP_} constants
     * @return messages dropped for that reason
     */
    long getDroppedCount(String reason);

    /**
     * @return messages dropped by reason
     */
    Map<String, Long> getDroppedCounts();

}
