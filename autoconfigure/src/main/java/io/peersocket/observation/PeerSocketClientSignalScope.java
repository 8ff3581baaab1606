package io.peersocket.observation;

import io.micrometer.observation.ObservationRegistry;
import io.peersocket.spi.ClientSignalScope;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of {@link PeerSocketHandlerScope}: each call of a client's listener
 * runs with the MDC ({@value PeerSocketHandlerScope#MDC_PEER_ID} 1, the server;
 * {@value PeerSocketHandlerScope#MDC_ENDPOINT} the path of the URL; {@value #MDC_CLIENT}
 * the connection's name) and, when the registry is not a no-op, inside a
 * {@code peersocket.handler} observation tagged {@code role=client} with the engine's
 * client signal names ({@code connection_established}, {@code data_received},
 * {@code server_close_request}, {@code connection_closed}, {@code connection_error}, and
 * the relay's).
 */
public final class PeerSocketClientSignalScope implements ClientSignalScope {

    /** The MDC key of the client's name. */
    public static final String MDC_CLIENT = "peersocket.client";

    // The server: the only peer a client has.
    private static final int SERVER_ID = 1;

    private final SignalObservations observations;

    /**
     * @param registry where observations go; {@link ObservationRegistry#NOOP} for none
     * @param convention the application's convention, or {@code null} for the default
     * @param mdc whether to fill the MDC (when SLF4J is present)
     */
    public PeerSocketClientSignalScope(ObservationRegistry registry,
            @Nullable PeerSocketHandlerObservationConvention convention, boolean mdc) {
        this.observations = new SignalObservations(registry, convention, mdc, PeerSocketHandlerContext.ROLE_CLIENT);
    }

    @Override
    public void run(String client, String endpoint, String signal, Runnable callback) {
        this.observations.run(SERVER_ID, endpoint, client, signal, callback);
    }

}
