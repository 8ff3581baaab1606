package io.peersocket.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.peersocket.spi.ClientObserverProvider;
import io.peersocket.spi.PeerSocketObserver;

/**
 * The meters of every client the context builds (named connections and builder-made
 * clients): the server's meter names ({@link PeerSocketMetrics}) tagged
 * {@code role=client}, the endpoint being the path of the URL the client connected to.
 * Deliberately not a {@link PeerSocketObserver} bean: the server feeds every such bean,
 * and client meters must not count server traffic.
 */
public final class PeerSocketClientMetrics implements MeterBinder, ClientObserverProvider {

    private final PeerSocketMetrics meters = new PeerSocketMetrics("client");

    @Override
    public PeerSocketObserver clientObserver() {
        return this.meters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.meters.bindTo(registry);
    }

}
