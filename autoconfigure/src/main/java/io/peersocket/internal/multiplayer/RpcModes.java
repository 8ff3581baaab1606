package io.peersocket.internal.multiplayer;

import io.peersocket.multiplayer.rpc.RpcMode;

/**
 * The engine's two mode checks ({@code _can_call_mode} and {@code _should_call_local} of
 * {@code multiplayer_api.cpp}, the same in Godot 3.x and Pandemonium), seen from peer 1:
 * whether a remote peer's call may run on a node, and whether the application's own call
 * runs locally.
 */
final class RpcModes {

    private RpcModes() {
    }

    /**
     * {@code _can_call_mode(node, mode, remote_id)} on peer 1.
     * @param mode the member's mode
     * @param master the node's network master (1 when the server is)
     * @param caller the peer whose call arrived
     * @return whether it may run
     */
    static boolean canCall(RpcMode mode, int master, int caller) {
        boolean serverIsMaster = master == 1;
        return switch (mode) {
            case DISABLED -> false;
            case REMOTE, REMOTESYNC -> true;
            case MASTER, MASTERSYNC -> serverIsMaster;
            case PUPPET, PUPPETSYNC -> !serverIsMaster && caller == master;
        };
    }

    /**
     * {@code _should_call_local(mode, is_master, r_skip_rpc)}: whether peer 1's own call
     * of a member it serves runs locally too.
     * @param mode the member's mode
     * @param serverIsMaster whether peer 1 is the node's master
     * @return whether it runs locally
     */
    static boolean callsLocally(RpcMode mode, boolean serverIsMaster) {
        return switch (mode) {
            case DISABLED, REMOTE -> false;
            case REMOTESYNC, PUPPETSYNC, MASTERSYNC -> true;
            case MASTER -> serverIsMaster;
            case PUPPET -> !serverIsMaster;
        };
    }

    /**
     * The {@code r_skip_rpc} of {@code _should_call_local}: the master's own call of a
     * master member stays local.
     * @param mode the member's mode
     * @param serverIsMaster whether peer 1 is the node's master
     * @return whether the network is skipped
     */
    static boolean skipsNetwork(RpcMode mode, boolean serverIsMaster) {
        return serverIsMaster && (mode == RpcMode.MASTER || mode == RpcMode.MASTERSYNC);
    }

}
