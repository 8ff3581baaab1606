package io.peersocket.client;

/** The client's connection state, as the engine's {@code get_connection_status()}. */
public enum ConnectionStatus {

    /** Not connected, and not connecting (a reconnect may be scheduled). */
    DISCONNECTED,
    /** {@code connect_to_url} was called and the upgrade has not completed yet. */
    CONNECTING,
    /** The upgrade completed; the server is peer 1. */
    CONNECTED

}
