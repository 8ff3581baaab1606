package io.peersocket.multiplayer.rpc;

/**
 * Who may call a remote function or set a remote property, as the engine's
 * {@code MultiplayerAPI.RPCMode} (GDScript's {@code remote}, {@code master},
 * {@code puppet}, {@code remotesync}, {@code mastersync}, {@code puppetsync} keywords).
 * The application is peer 1, the network master of every node it serves unless it hands a
 * node to a client ({@link MultiplayerApi#setNetworkMaster}), so from a client's side:
 * <ul>
 * <li>{@link #REMOTE}, {@link #REMOTESYNC}: any client may call.</li>
 * <li>{@link #MASTER}, {@link #MASTERSYNC}: any client may call while the server is the
 * node's master; nobody once a client is.</li>
 * <li>{@link #PUPPET}, {@link #PUPPETSYNC}: only the node's master calls its puppets: no
 * client while the server is the master; only that client once a client is.</li>
 * <li>{@link #DISABLED}: nobody.</li>
 * </ul>
 * The {@code *SYNC} modes matter when the application itself calls: {@code rpc(...)} to
 * everybody also runs its own {@code REMOTESYNC}, {@code MASTERSYNC} or
 * {@code PUPPETSYNC} function, as the engine's {@code rpc} calls a sync function locally.
 */
public enum RpcMode {

    /** {@code RPC_MODE_DISABLED} (0): not callable remotely. */
    DISABLED,

    /** {@code remote} (1). */
    REMOTE,

    /**
     * {@code master} (2): callable on the network master only (the server, unless a
     * client is the node's master).
     */
    MASTER,

    /**
     * {@code puppet} (3): callable by the master on its puppets (a client only when it is
     * the node's master).
     */
    PUPPET,

    /** {@code remotesync} (4). */
    REMOTESYNC,

    /** {@code mastersync} (5). */
    MASTERSYNC,

    /** {@code puppetsync} (6). */
    PUPPETSYNC;

    /**
     * @return the engine's value of this mode
     */
    public int engineValue() {
        return ordinal();
    }

}
