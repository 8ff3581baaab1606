package io.peersocket.multiplayer;

/**
 * How a relay endpoint behaves beyond the engine's protocol.
 *
 * @param strict whether a client that breaks the protocol (a spoofed {@code from}, a
 * system message, a message shorter than the header, a text frame) is also closed (1008;
 * 1003 for a text frame); the engine, and the default, only drop the message
 * @param clientToClient whether clients' payloads are relayed to other clients;
 * {@code false} for server-authoritative games: clients then reach only peer 1, the
 * application
 * @param announcePeers whether clients are told of each other
 * ({@code SYS_ADD}/{@code SYS_DEL}); {@code false}: each client knows only itself and the
 * server
 */
public record RelayOptions(boolean strict, boolean clientToClient, boolean announcePeers) {

    /** The engine's behaviour: lenient, clients relayed and announced to each other. */
    public static final RelayOptions DEFAULTS = new RelayOptions(false, true, true);

}
