package io.peersocket.internal.server.reactive;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.spi.ServerTransport;
import io.peersocket.spi.UpgradeAuthenticator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The reactive transport: an embedded Reactor Netty server of its own on
 * {@code peersocket.server.port}, serving only the WebSocket endpoints, whatever the
 * application's own web stack is.
 */
public final class DedicatedPortServer implements ServerTransport {

    private static final Log logger = LogFactory.getLog(DedicatedPortServer.class);

    private final HttpServer httpServer;

    private final Duration handshakeTimeout;

    private volatile @Nullable DisposableServer server;

    private volatile boolean accepting;

    /**
     * @param bindAddress the address to listen on ({@code null} or {@code *} for all)
     * @param port the port, 0 for a free one
     * @param endpoints the endpoints to serve, each at its path
     * @param policy origin and header rules
     * @param handshakeTimeout how long a connection may take to complete its upgrade
     * @param customizer last changes to the server (TLS)
     */
    public DedicatedPortServer(@Nullable String bindAddress, int port, Iterable<PeerEndpoint> endpoints,
            HandshakePolicy policy, Duration handshakeTimeout,
            java.util.function.UnaryOperator<HttpServer> customizer) {
        this(bindAddress, port, endpoints, policy, handshakeTimeout, customizer, UpgradeAuthenticator.NONE);
    }

    /**
     * As the other constructor, with authentication before the upgrade.
     * @param authenticator decides who a client is; refused clients get 401 or 403
     */
    public DedicatedPortServer(@Nullable String bindAddress, int port, Iterable<PeerEndpoint> endpoints,
            HandshakePolicy policy, Duration handshakeTimeout, java.util.function.UnaryOperator<HttpServer> customizer,
            UpgradeAuthenticator authenticator) {
        this.handshakeTimeout = handshakeTimeout;
        HttpHandler handler = WebHttpHandlerBuilder
            .webHandler(router(endpoints, policy, () -> this.accepting, authenticator))
            .build();
        HttpServer server = HttpServer.create()
            .port(port)
            // The kernel also notices peers that vanished without a FIN (hours, by its
            // defaults):
            // a safety net under the idle timeout, for connections that never reach the
            // upgrade.
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .doOnChannelInit((observer, channel, remote) -> closeIfNotUpgradedInTime(channel))
            .handle(new ReactorHttpHandlerAdapter(handler));
        if (bindAddress != null && !bindAddress.isBlank() && !"*".equals(bindAddress)) {
            server = server.host(bindAddress);
        }
        this.httpServer = customizer.apply(server);
    }

    /**
     * The web handler that upgrades requests to the endpoints, shared with
     * {@link ApplicationServerEndpoints}.
     */
    static EndpointRouter router(Iterable<PeerEndpoint> endpoints, HandshakePolicy policy, BooleanSupplier accepting) {
        return router(endpoints, policy, accepting, UpgradeAuthenticator.NONE);
    }

    static EndpointRouter router(Iterable<PeerEndpoint> endpoints, HandshakePolicy policy, BooleanSupplier accepting,
            UpgradeAuthenticator authenticator) {
        Map<String, EndpointRouter.Route> routes = new LinkedHashMap<>();
        for (PeerEndpoint endpoint : endpoints) {
            HandshakeWebSocketService service = new HandshakeWebSocketService(new PeerUpgradeStrategy(
                    endpoint.limits().inBytes(), () -> endpoint.runtime().observer().readingPaused(endpoint.path())));
            routes.put(endpoint.path(), new EndpointRouter.Route(new ReactivePeerHandler(endpoint), service));
        }
        return new EndpointRouter(routes, policy, accepting, authenticator);
    }

    // The engine's handshake_timeout: a socket that has not completed the upgrade is
    // dropped.
    private void closeIfNotUpgradedInTime(Channel channel) {
        channel.eventLoop().schedule(() -> {
            if (channel.isActive() && channel.pipeline().context(WebSocketFrameDecoder.class) == null) {
                logger.debug("Closing " + channel.remoteAddress() + ": no WebSocket upgrade within "
                        + this.handshakeTimeout.toMillis() + " ms");
                channel.close();
            }
        }, this.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Binds the port. */
    public void start() {
        DisposableServer bound = this.httpServer.bindNow();
        this.server = bound;
        this.accepting = true;
        logger.info("peersocket listening on " + bound.address());
    }

    @Override
    public boolean isListening() {
        return this.accepting;
    }

    @Override
    public int port() {
        DisposableServer bound = this.server;
        return (bound != null) ? bound.port() : -1;
    }

    /**
     * @return the bound address, or {@code null} before {@link #start()}
     */
    public @Nullable InetSocketAddress address() {
        DisposableServer bound = this.server;
        return (bound != null) ? (InetSocketAddress) bound.address() : null;
    }

    @Override
    public void stopAccepting() {
        this.accepting = false;
        DisposableServer bound = this.server;
        if (bound != null) {
            // Closing the listening channel refuses new connections; open ones stay until
            // disposed.
            bound.channel().close();
        }
    }

    /** Closes the port and every connection left on it. */
    public void dispose() {
        this.accepting = false;
        DisposableServer bound = this.server;
        if (bound != null) {
            bound.disposeNow(Duration.ofSeconds(1));
            this.server = null;
        }
    }

}
