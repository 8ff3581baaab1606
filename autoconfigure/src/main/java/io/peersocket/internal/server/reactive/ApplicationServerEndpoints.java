package io.peersocket.internal.server.reactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.spi.ServerTransport;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * The reactive transport on a WebFlux application's own server: every endpoint path is
 * mapped to the same {@link EndpointRouter} the dedicated port uses, ahead of the
 * application's own handler mappings. The application server's connection timeouts apply
 * instead of the handshake timeout.
 */
public final class ApplicationServerEndpoints implements ServerTransport {

    private final SimpleUrlHandlerMapping mapping;

    private volatile boolean accepting = true;

    /**
     * @param endpoints the endpoints to map
     * @param policy origin and header rules
     */
    public ApplicationServerEndpoints(List<PeerEndpoint> endpoints, HandshakePolicy policy) {
        EndpointRouter router = DedicatedPortServer.router(endpoints, policy, () -> this.accepting);
        Map<String, Object> urls = new LinkedHashMap<>();
        for (PeerEndpoint endpoint : endpoints) {
            urls.put(endpoint.path(), router);
        }
        this.mapping = new SimpleUrlHandlerMapping(urls, Ordered.HIGHEST_PRECEDENCE + 10);
    }

    /**
     * @return the handler mapping to register as a bean
     */
    public SimpleUrlHandlerMapping handlerMapping() {
        return this.mapping;
    }

    @Override
    public boolean isListening() {
        return this.accepting;
    }

    @Override
    public int port() {
        return -1;
    }

    @Override
    public void stopAccepting() {
        this.accepting = false;
    }

    @Override
    public void resumeAccepting() {
        this.accepting = true;
    }

}
