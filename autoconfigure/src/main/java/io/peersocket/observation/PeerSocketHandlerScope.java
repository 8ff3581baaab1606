package io.peersocket.observation;

import io.micrometer.observation.ObservationRegistry;
import io.peersocket.peer.Peer;
import io.peersocket.spi.HandlerScope;
import org.jspecify.annotations.Nullable;

/**
 * Surrounds each handler call with the MDC ({@value #MDC_PEER_ID},
 * {@value #MDC_ENDPOINT}) and, when the registry is not a no-op, a
 * {@code peersocket.handler} observation (opened as the current scope, so that the
 * handler's own spans and logs join the trace).
 */
public final class PeerSocketHandlerScope implements HandlerScope {

    /** The MDC key of the peer's id. */
    public static final String MDC_PEER_ID = "peersocket.peer.id";

    /** The MDC key of the endpoint's path. */
    public static final String MDC_ENDPOINT = "peersocket.endpoint";

    private final SignalObservations observations;

    /**
     * @param registry where observations go; {@link ObservationRegistry#NOOP} for none
     * @param convention the application's convention, or {@code null} for the default
     * @param mdc whether to fill the MDC (when SLF4J is present)
     */
    public PeerSocketHandlerScope(ObservationRegistry registry,
            @Nullable PeerSocketHandlerObservationConvention convention, boolean mdc) {
        this.observations = new SignalObservations(registry, convention, mdc, PeerSocketHandlerContext.ROLE_SERVER);
    }

    @Override
    public void run(Peer peer, String signal, Runnable callback) {
        this.observations.run(peer.id(), peer.path(), null, signal, callback);
    }

}
