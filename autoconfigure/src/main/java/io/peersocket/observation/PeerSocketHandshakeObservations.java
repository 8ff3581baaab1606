package io.peersocket.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.peersocket.spi.PeerSocketObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Records a {@code peersocket.handshake} observation for each upgrade the server accepts
 * or refuses. The core reports the outcome, not the start of the upgrade, so an
 * observation marks the moment of the outcome: its tags are exact, its duration is not
 * the handshake's.
 */
public final class PeerSocketHandshakeObservations implements PeerSocketObserver {

    private static final PeerSocketHandshakeObservationConvention DEFAULT_CONVENTION = new DefaultPeerSocketHandshakeObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable PeerSocketHandshakeObservationConvention convention;

    private final Supplier<String> transport;

    /**
     * @param registry where observations go; {@link ObservationRegistry#NOOP} for none
     * @param convention the application's convention, or {@code null} for the default
     * @param transport the name of the server's transport, asked once, at the first
     * handshake (the transport is chosen after this observer is made)
     */
    public PeerSocketHandshakeObservations(ObservationRegistry registry,
            @Nullable PeerSocketHandshakeObservationConvention convention, Supplier<String> transport) {
        this.registry = registry;
        this.convention = convention;
        this.transport = SingletonSupplier.of(transport);
    }

    @Override
    public void opened(String path) {
        record(path, null);
    }

    @Override
    public void handshakeRefused(String path, String reason) {
        record(path, reason);
    }

    private void record(String path, @Nullable String refusal) {
        if (this.registry.isNoop()) {
            return;
        }
        Observation
            .createNotStarted(this.convention, DEFAULT_CONVENTION,
                    () -> new PeerSocketHandshakeContext(path, this.transport.get(), refusal), this.registry)
            .start()
            .stop();
    }

}
