package io.peersocket.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code peersocket.handshake} observations; a bean of this type
 * replaces {@link DefaultPeerSocketHandshakeObservationConvention}.
 */
public interface PeerSocketHandshakeObservationConvention extends ObservationConvention<PeerSocketHandshakeContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof PeerSocketHandshakeContext;
    }

}
