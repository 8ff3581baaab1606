package io.peersocket.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.util.ClassUtils;

/**
 * What the server's {@link PeerSocketHandlerScope} and the client's
 * {@link PeerSocketClientSignalScope} both do around a signal: fill the MDC (and put back
 * what the thread had, since poll mode runs on the application's own thread) and, when
 * the registry is not a no-op, run it inside a {@code peersocket.handler} observation
 * opened as the current scope. Without a registry nothing is allocated per call.
 */
final class SignalObservations {

    // SLF4J is optional: without it there is no MDC to fill.
    private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
            SignalObservations.class.getClassLoader());

    private static final PeerSocketHandlerObservationConvention DEFAULT_CONVENTION = new DefaultPeerSocketHandlerObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable PeerSocketHandlerObservationConvention convention;

    private final boolean mdc;

    private final String role;

    /**
     * @param registry where observations go; {@link ObservationRegistry#NOOP} for none
     * @param convention the application's convention, or {@code null} for the default
     * @param mdc whether to fill the MDC (when SLF4J is present)
     * @param role {@link PeerSocketHandlerContext#ROLE_SERVER} or
     * {@link PeerSocketHandlerContext#ROLE_CLIENT}
     */
    SignalObservations(ObservationRegistry registry, @Nullable PeerSocketHandlerObservationConvention convention,
            boolean mdc, String role) {
        this.registry = registry;
        this.convention = convention;
        this.mdc = mdc && MDC_PRESENT;
        this.role = role;
    }

    /**
     * @param peerId the peer the signal is about (the client's: 1, the server)
     * @param endpoint the endpoint's path
     * @param client the client connection's name for
     * {@link PeerSocketClientSignalScope#MDC_CLIENT}, or {@code null} on the server
     * @param signal the engine's signal name
     * @param callback the listener's call
     */
    void run(int peerId, String endpoint, @Nullable String client, String signal, Runnable callback) {
        if (!this.mdc) {
            observe(peerId, endpoint, signal, callback);
            return;
        }
        String previousPeer = MDC.get(PeerSocketHandlerScope.MDC_PEER_ID);
        String previousEndpoint = MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT);
        String previousClient = (client != null) ? MDC.get(PeerSocketClientSignalScope.MDC_CLIENT) : null;
        MDC.put(PeerSocketHandlerScope.MDC_PEER_ID, Integer.toString(peerId));
        MDC.put(PeerSocketHandlerScope.MDC_ENDPOINT, endpoint);
        if (client != null) {
            MDC.put(PeerSocketClientSignalScope.MDC_CLIENT, client);
        }
        try {
            observe(peerId, endpoint, signal, callback);
        }
        finally {
            restore(PeerSocketHandlerScope.MDC_PEER_ID, previousPeer);
            restore(PeerSocketHandlerScope.MDC_ENDPOINT, previousEndpoint);
            if (client != null) {
                restore(PeerSocketClientSignalScope.MDC_CLIENT, previousClient);
            }
        }
    }

    private void observe(int peerId, String endpoint, String signal, Runnable callback) {
        if (this.registry.isNoop()) {
            callback.run();
            return;
        }
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
                () -> new PeerSocketHandlerContext(endpoint, signal, peerId, this.role), this.registry);
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
