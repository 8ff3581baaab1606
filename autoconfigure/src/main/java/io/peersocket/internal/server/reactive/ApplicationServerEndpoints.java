package io.peersocket.internal.server.reactive;

import java.util.LinkedHashMap;
import java.util.Map;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.server.HandshakePolicy;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.spi.ServerTransport;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * The reactive transport on a WebFlux application's own server: every endpoint path is mapped
 * to the same {@link EndpointRouter} the dedicated port uses, ahead of the application's own
 * handler mappings. The application server's connection timeouts apply instead of the
 * handshake timeout.
 */
public final class ApplicationServerEndpoints implements ServerTransport {

    private final SimpleUrlHandlerMapping mapping;

    private volatile boolean accepting = true;

    /**
     * @param server the server whose endpoints to map
     * @param policy origin and header rules
     */
    public ApplicationServerEndpoints(PeerSocketServer server, HandshakePolicy policy) {
        EndpointRouter router = DedicatedPortServer.router(server.endpoints(), policy, () -> this.accepting);
        Map<String, Object> urls = new LinkedHashMap<>();
        for (PeerEndpoint endpoint : server.endpoints()) {
            urls.put(endpoint.path(), router);
        }
        this.mapping = new SimpleUrlHandlerMapping(urls, Ordered.HIGHEST_PRECEDENCE + 10);
        server.addTransport(this);
    }

    /** @return the handler mapping to register as a bean */
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

}
