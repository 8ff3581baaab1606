package io.peersocket.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code peersocket.handshake} observation knows: one upgrade, accepted or
 * refused.
 */
public class PeerSocketHandshakeContext extends Observation.Context {

    private final String endpoint;

    private final String transport;

    private final @Nullable String refusal;

    /**
     * @param endpoint the endpoint's path
     * @param transport the transport that served it ({@code dedicated-port},
     * {@code servlet}, {@code reactive})
     * @param refusal why the upgrade was refused (a short constant such as
     * {@code protocol}), or {@code null} when it was accepted
     */
    public PeerSocketHandshakeContext(String endpoint, String transport, @Nullable String refusal) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.refusal = refusal;
    }

    /**
     * @return the endpoint's path
     */
    public String getEndpoint() {
        return this.endpoint;
    }

    /**
     * @return the transport's name
     */
    public String getTransport() {
        return this.transport;
    }

    /**
     * @return why the upgrade was refused, or {@code null} when it was accepted
     */
    public @Nullable String getRefusal() {
        return this.refusal;
    }

}
