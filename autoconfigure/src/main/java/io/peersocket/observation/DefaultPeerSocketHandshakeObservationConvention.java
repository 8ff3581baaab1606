package io.peersocket.observation;

import io.micrometer.common.KeyValues;

/**
 * {@code peersocket.handshake}, tagged {@code endpoint}, {@code transport},
 * {@code outcome} ({@code accepted} or {@code refused}) and {@code reason} ({@code none}
 * when accepted).
 */
public class DefaultPeerSocketHandshakeObservationConvention implements PeerSocketHandshakeObservationConvention {

    /** The observation's name. */
    public static final String NAME = "peersocket.handshake";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(PeerSocketHandshakeContext context) {
        return "peersocket handshake";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(PeerSocketHandshakeContext context) {
        String refusal = context.getRefusal();
        return KeyValues.of("endpoint", context.getEndpoint(), "transport", context.getTransport(), "outcome",
                (refusal != null) ? "refused" : "accepted", "reason", (refusal != null) ? refusal : "none");
    }

}
