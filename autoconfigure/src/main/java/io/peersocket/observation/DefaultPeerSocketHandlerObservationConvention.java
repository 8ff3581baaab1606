package io.peersocket.observation;

import io.micrometer.common.KeyValues;

/**
 * {@code peersocket.handler}, tagged {@code endpoint}, {@code signal}, {@code role}
 * ({@code server} or {@code client}, as the meters) and {@code outcome} ({@code success}
 * or {@code error}); the peer id only as a high-cardinality value (spans, not meters).
 */
public class DefaultPeerSocketHandlerObservationConvention implements PeerSocketHandlerObservationConvention {

    /** The observation's name. */
    public static final String NAME = "peersocket.handler";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(PeerSocketHandlerContext context) {
        return "peersocket " + context.getSignal();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(PeerSocketHandlerContext context) {
        return KeyValues.of("endpoint", context.getEndpoint(), "signal", context.getSignal(), "role", context.getRole(),
                "outcome", (context.getError() != null) ? "error" : "success");
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(PeerSocketHandlerContext context) {
        return KeyValues.of("peer.id", Integer.toString(context.getPeerId()));
    }

}
