package io.peersocket.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.peersocket.peer.Peer;
import io.peersocket.spi.HandlerScope;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

/**
 * Surrounds each handler call with the MDC ({@value #MDC_PEER_ID}, {@value #MDC_ENDPOINT}) and,
 * when the registry is not a no-op, a {@code peersocket.handler} observation (opened as the
 * current scope, so that the handler's own spans and logs join the trace).
 */
public final class PeerSocketHandlerScope implements HandlerScope {

    /** The MDC key of the peer's id. */
    public static final String MDC_PEER_ID = "peersocket.peer.id";

    /** The MDC key of the endpoint's path. */
    public static final String MDC_ENDPOINT = "peersocket.endpoint";

    // SLF4J is optional: without it there is no MDC to fill.
    private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
            PeerSocketHandlerScope.class.getClassLoader());

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
    public PeerSocketHandlerScope(ObservationRegistry registry,
            @Nullable PeerSocketHandlerObservationConvention convention, boolean mdc) {
        this.registry = registry;
        this.convention = convention;
        this.mdc = mdc && MDC_PRESENT;
    }

    @Override
    public void run(Peer peer, String signal, Runnable callback) {
        if (!this.mdc) {
            observe(peer, signal, callback);
            return;
        }
        // Poll mode runs handlers on the application's own thread: put back what it had.
        String previousPeer = MDC.get(MDC_PEER_ID);
        String previousEndpoint = MDC.get(MDC_ENDPOINT);
        MDC.put(MDC_PEER_ID, Integer.toString(peer.id()));
        MDC.put(MDC_ENDPOINT, peer.path());
        try {
            observe(peer, signal, callback);
        }
        finally {
            restore(MDC_PEER_ID, previousPeer);
            restore(MDC_ENDPOINT, previousEndpoint);
        }
    }

    private void observe(Peer peer, String signal, Runnable callback) {
        // No registry: nothing is allocated per call.
        if (this.registry.isNoop()) {
            callback.run();
            return;
        }
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
                () -> new PeerSocketHandlerContext(peer.path(), signal, peer.id()), this.registry);
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
