package io.peersocket.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code peersocket.handler} observations; a bean of this type
 * replaces {@link DefaultPeerSocketHandlerObservationConvention}.
 */
public interface PeerSocketHandlerObservationConvention extends ObservationConvention<PeerSocketHandlerContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof PeerSocketHandlerContext;
    }

}
