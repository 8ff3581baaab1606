package io.peersocket.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.peersocket.spi.ClientSignalScope;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

/**
 * The client's side of {@link PeerSocketHandlerScope}: each call of a client's listener runs with
 * the MDC ({@value PeerSocketHandlerScope#MDC_PEER_ID} 1, the server;
 * {@value PeerSocketHandlerScope#MDC_ENDPOINT} the path of the URL; {@value #MDC_CLIENT} the
 * connection's name) and, when the registry is not a no-op, inside a {@code peersocket.handler}
 * observation tagged {@code role=client} with the engine's client signal names
 * ({@code connection_established}, {@code data_received}, {@code server_close_request},
 * {@code connection_closed}, {@code connection_error}, and the relay's).
 */
public final class PeerSocketClientSignalScope implements ClientSignalScope {

    /** The MDC key of the client's name. */
    public static final String MDC_CLIENT = "peersocket.client";

    // The server: the only peer a client has.
    private static final int SERVER_ID = 1;

    private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
            PeerSocketClientSignalScope.class.getClassLoader());

    private static final PeerSocketHandlerObservationConvention DEFAULT_CONVENTION =
            new DefaultPeerSocketHandlerObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable PeerSocketHandlerObservationConvention convention;

    private final boolean mdc;

    /**
     * @param registry where observations go; {@link ObservationRegistry#NOOP} for none
     * @param convention the application's convention, or {@code null} for the default
     * @param mdc whether to fill the MDC (when SLF4J is present)
     */
    public PeerSocketClientSignalScope(ObservationRegistry registry,
            @Nullable PeerSocketHandlerObservationConvention convention, boolean mdc) {
        this.registry = registry;
        this.convention = convention;
        this.mdc = mdc && MDC_PRESENT;
    }

    @Override
    public void run(String client, String endpoint, String signal, Runnable callback) {
        if (!this.mdc) {
            observe(endpoint, signal, callback);
            return;
        }
        // Poll mode runs listeners on the application's own thread: put back what it had.
        String previousPeer = MDC.get(PeerSocketHandlerScope.MDC_PEER_ID);
        String previousEndpoint = MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT);
        String previousClient = MDC.get(MDC_CLIENT);
        MDC.put(PeerSocketHandlerScope.MDC_PEER_ID, Integer.toString(SERVER_ID));
        MDC.put(PeerSocketHandlerScope.MDC_ENDPOINT, endpoint);
        MDC.put(MDC_CLIENT, client);
        try {
            observe(endpoint, signal, callback);
        }
        finally {
            restore(PeerSocketHandlerScope.MDC_PEER_ID, previousPeer);
            restore(PeerSocketHandlerScope.MDC_ENDPOINT, previousEndpoint);
            restore(MDC_CLIENT, previousClient);
        }
    }

    private void observe(String endpoint, String signal, Runnable callback) {
        if (this.registry.isNoop()) {
            callback.run();
            return;
        }
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
                () -> new PeerSocketHandlerContext(endpoint, signal, SERVER_ID, PeerSocketHandlerContext.ROLE_CLIENT),
                this.registry);
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            callback.run();
        }
        catch (Throwable ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    private static void restore(String key, @Nullable String previous) {
        if (previous != null) {
            MDC.put(key, previous);
        }
        else {
            MDC.remove(key);
        }
    }

}
