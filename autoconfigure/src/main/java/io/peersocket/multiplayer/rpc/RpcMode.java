package io.peersocket.multiplayer.rpc;

/**
 * Who may call a remote function or set a remote property, as the engine's
 * {@code MultiplayerAPI.RPCMode} (GDScript's {@code remote}, {@code master}, {@code puppet},
 * {@code remotesync}, {@code mastersync}, {@code puppetsync} keywords). The application is peer
 * 1, the network master of every node it serves, so from a client's side:
 * <ul>
 * <li>{@link #REMOTE}, {@link #REMOTESYNC}: any client may call.</li>
 * <li>{@link #MASTER}, {@link #MASTERSYNC}: any client may call, because the server is the master.</li>
 * <li>{@link #PUPPET}, {@link #PUPPETSYNC}: no client may call (only the master calls its puppets;
 * the server is the master); the call is dropped.</li>
 * <li>{@link #DISABLED}: nobody.</li>
 * </ul>
 * The {@code *SYNC} modes matter when the application itself calls: {@code rpc(...)} to
 * everybody also runs its own {@code REMOTESYNC}, {@code MASTERSYNC} or {@code PUPPETSYNC}
 * function, as the engine's {@code rpc} calls a sync function locally.
 */
public enum RpcMode {

    /** {@code RPC_MODE_DISABLED} (0): not callable remotely. */
    DISABLED,

    /** {@code remote} (1). */
    REMOTE,

    /** {@code master} (2): callable on the network master only (here, always). */
    MASTER,

    /** {@code puppet} (3): callable by the master on its puppets (here, never by a client). */
    PUPPET,

    /** {@code remotesync} (4). */
    REMOTESYNC,

    /** {@code mastersync} (5). */
    MASTERSYNC,

    /** {@code puppetsync} (6). */
    PUPPETSYNC;

    /** @return the engine's value of this mode */
    public int engineValue() {
        return ordinal();
    }

    /**
     * The engine's {@code _can_call_mode} on a node whose network master is this server (peer 1),
     * for a call that comes from a client.
     * @return whether a client may call
     */
    boolean clientMayCall() {
        return switch (this) {
            case REMOTE, REMOTESYNC, MASTER, MASTERSYNC -> true;
            case DISABLED, PUPPET, PUPPETSYNC -> false;
        };
    }

    /**
     * The engine's {@code _should_call_local} for the master: whether the application's own
     * {@code rpc} to everybody also runs its local function. (A {@code MASTERSYNC} or
     * {@code MASTER} call by the master is only local in the engine: it skips the network.)
     * @return whether the call also runs locally
     */
    boolean callsLocally() {
        return this == REMOTESYNC || this == MASTERSYNC || this == PUPPETSYNC || this == MASTER;
    }

    /** @return whether the master's own call skips the network (the engine's {@code r_skip_rpc}) */
    boolean skipsNetwork() {
        return this == MASTER || this == MASTERSYNC;
    }

}
