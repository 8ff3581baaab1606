package io.peersocket.multiplayer;

/**
 * Sees every payload a client sends to a relay endpoint, whatever its target (another
 * client, everybody, everybody but one, or peer 1), after the protocol checks and before
 * it is routed, and decides its fate: pass it unchanged, drop it, or rewrite it
 * (anti-cheat, filtering, server-side validation). A dropped packet reaches nobody, peer
 * 1 included; a rewritten one reaches whom its new target names, with its {@code from}
 * unchanged.
 * <p>
 * Declare one bean of this type to apply it to every relay endpoint. It runs on the I/O
 * thread that read the packet, once per packet, in the sender's order: it must be quick
 * and must not block (hand slow work to the application through peer 1 instead). Packets
 * sent by the application itself (peer 1) are not inspected. A hook that throws or
 * returns {@code null} drops the packet (logged as an error and counted): it fails
 * closed.
 */
@FunctionalInterface
public interface RelayHook {

    /**
     * @param packet the packet, with its source, target and payload
     * @return {@link RelayVerdict#pass()}, {@link RelayVerdict#drop()} or a rewrite
     */
    RelayVerdict inspect(RelayedPacket packet);

}
