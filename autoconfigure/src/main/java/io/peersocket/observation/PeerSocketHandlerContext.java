package io.peersocket.observation;

import io.micrometer.observation.Observation;

/**
 * What a {@code peersocket.handler} observation knows: one signal delivered to a handler.
 */
public class PeerSocketHandlerContext extends Observation.Context {

    private final String endpoint;

    private final String signal;

    private final int peerId;

    private final String role;

    /**
     * A server's handler call.
     * @param endpoint the endpoint's path
     * @param signal the signal's name ({@code data_received}, {@code client_connected}
     * ...)
     * @param peerId the peer's id
     */
    public PeerSocketHandlerContext(String endpoint, String signal, int peerId) {
        this(endpoint, signal, peerId, ROLE_SERVER);
    }

    /**
     * @param endpoint the endpoint's path (a client's: the path of the URL it connected
     * to)
     * @param signal the signal's name ({@code data_received},
     * {@code connection_established} ...)
     * @param peerId the peer's id (a client's: 1, the server)
     * @param role {@link #ROLE_SERVER} or {@link #ROLE_CLIENT}, as the meters'
     * {@code role} tag
     */
    public PeerSocketHandlerContext(String endpoint, String signal, int peerId, String role) {
        this.endpoint = endpoint;
        this.signal = signal;
        this.peerId = peerId;
        this.role = role;
    }

    /** The role of a server's handler calls. */
    public static final String ROLE_SERVER = "server";

    /** The role of a client's handler calls ({@code @PacketHandler(client = ...)}). */
    public static final String ROLE_CLIENT = "client";

    /**
     * @return {@link #ROLE_SERVER} or {@link #ROLE_CLIENT}
     */
    public String getRole() {
        return this.role;
    }

    /**
     * @return the endpoint's path
     */
    public String getEndpoint() {
        return this.endpoint;
    }

    /**
     * @return the signal's name
     */
    public String getSignal() {
        return this.signal;
    }

    /**
     * @return the peer's id (high cardinality: never a meter tag)
     */
    public int getPeerId() {
        return this.peerId;
    }

}
