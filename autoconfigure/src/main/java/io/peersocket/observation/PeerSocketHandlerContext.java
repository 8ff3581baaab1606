package io.peersocket.observation;

import io.micrometer.observation.Observation;

/** What a {@code peersocket.handler} observation knows: one signal delivered to a handler. */
public class PeerSocketHandlerContext extends Observation.Context {

    private final String endpoint;

    private final String signal;

    private final int peerId;

    /**
     * @param endpoint the endpoint's path
     * @param signal the signal's name ({@code data_received}, {@code client_connected} ...)
     * @param peerId the peer's id
     */
    public PeerSocketHandlerContext(String endpoint, String signal, int peerId) {
        this.endpoint = endpoint;
        this.signal = signal;
        this.peerId = peerId;
    }

    /** @return the endpoint's path */
    public String getEndpoint() {
        return this.endpoint;
    }

    /** @return the signal's name */
    public String getSignal() {
        return this.signal;
    }

    /** @return the peer's id (high cardinality: never a meter tag) */
    public int getPeerId() {
        return this.peerId;
    }

}
