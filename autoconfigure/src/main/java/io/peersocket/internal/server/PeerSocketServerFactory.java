package io.peersocket.internal.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import io.peersocket.internal.annotation.PacketHandlerScanner.DeclaredEndpoint;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerRuntime;
import io.peersocket.internal.relay.DefaultRelayServer;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.internal.server.reactive.ApplicationServerEndpoints;
import io.peersocket.internal.server.reactive.DedicatedPortServer;
import io.peersocket.internal.server.servlet.ServletEndpoints;
import io.peersocket.multiplayer.RelayHook;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.RelayServers;
import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.ServerTransport;
import io.peersocket.spi.UpgradeAuthenticator;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

/**
 * The one place that assembles the server: from the endpoints the handler beans declare,
 * an endpoint per path (a relay path with its {@link RelayServer}), then the transport
 * that serves them, then the {@link DefaultPeerSocketServer} over both. The
 * auto-configuration only decides which transport and passes the settings; nothing
 * registers itself and nothing is recovered by type afterwards (the relays are kept as
 * they are built).
 * <p>
 * The order is the dependency order: the transports need the endpoints, the server needs
 * the transports (whether it listens, its port, stopping them first on shutdown).
 */
public final class PeerSocketServerFactory {

    private final PeerRuntime runtime;

    private final List<PeerEndpoint> endpoints;

    private final RelayServers relays;

    // The relays as built, for the integrations that plug into them (a cluster's
    // RelayBridge).
    private final Map<String, DefaultRelayServer> relayImplementations;

    /**
     * Builds the endpoints (and the relays among them).
     * @param runtime the peers, dispatch and observer shared by every endpoint
     * @param declared the endpoints as the handler beans declare them
     * @param buffers each peer's buffer limits
     * @param writeMode the write mode of an endpoint whose handlers ask for none
     * @param relayOptions the relays' options
     * @param relayHook the application's relay hook, or {@code null}
     */
    public PeerSocketServerFactory(PeerRuntime runtime, List<DeclaredEndpoint> declared, BufferLimits buffers,
            WriteMode writeMode, RelayOptions relayOptions, @Nullable RelayHook relayHook) {
        this.runtime = runtime;
        List<PeerEndpoint> endpoints = new ArrayList<>();
        List<RelayServer> relays = new ArrayList<>();
        Map<String, DefaultRelayServer> implementations = new LinkedHashMap<>();
        for (DeclaredEndpoint each : declared) {
            if (each.multiplayer()) {
                DefaultRelayServer relay = new DefaultRelayServer(each.path(), relayOptions, relayHook,
                        each.application(), runtime.observer());
                relay.setVariants(runtime.variants());
                relays.add(relay);
                implementations.put(each.path(), relay);
                // The relay's header is binary: its endpoint always writes binary frames.
                endpoints.add(new PeerEndpoint(each.path(), each.listeners(), buffers, WriteMode.BINARY, runtime,
                        relay.traffic()));
            }
            else {
                endpoints.add(new PeerEndpoint(each.path(), each.listeners(), buffers,
                        (each.writeMode() != null) ? each.writeMode() : writeMode, runtime));
            }
        }
        this.endpoints = List.copyOf(endpoints);
        this.relays = new RelayServers(relays);
        this.relayImplementations = Collections.unmodifiableMap(implementations);
    }

    /**
     * @return the runtime shared by the endpoints (liveness sweeps it)
     */
    public PeerRuntime runtime() {
        return this.runtime;
    }

    /**
     * @return the endpoints, in declaration order
     */
    public List<PeerEndpoint> endpoints() {
        return this.endpoints;
    }

    /**
     * @return the relay endpoints by path
     */
    public RelayServers relays() {
        return this.relays;
    }

    /**
     * @return the relays as built, by path: what an integration plugs into (a cluster's
     * bridge)
     */
    public Map<String, DefaultRelayServer> relayImplementations() {
        return this.relayImplementations;
    }

    /**
     * @param bindAddress the address to bind, or {@code null} for every address
     * @param port the port, 0 for a free one
     * @param policy the handshake rules
     * @param handshakeTimeout how long an upgrade may take
     * @param customizer the port's own settings and the application's customizers
     * @param authenticator who a client is, before the upgrade
     * @return the dedicated port's transport (not bound yet: the lifecycle binds it)
     */
    public DedicatedPortServer dedicatedPort(@Nullable String bindAddress, int port, HandshakePolicy policy,
            Duration handshakeTimeout, UnaryOperator<HttpServer> customizer, UpgradeAuthenticator authenticator) {
        return new DedicatedPortServer(bindAddress, port, this.endpoints, policy, handshakeTimeout, customizer,
                authenticator);
    }

    /**
     * @param policy the handshake rules
     * @param closeExecutor runs the container's blocking sends of close frames
     * @param sendTimeLimit how long a peer may take to take one message
     * @return the transport on the application's servlet container
     */
    public ServletEndpoints servlet(HandshakePolicy policy, Executor closeExecutor, Duration sendTimeLimit) {
        return new ServletEndpoints(this.endpoints, policy, closeExecutor, sendTimeLimit);
    }

    /**
     * @param policy the handshake rules
     * @return the transport on a WebFlux application's own server
     */
    public ApplicationServerEndpoints applicationServer(HandshakePolicy policy) {
        return new ApplicationServerEndpoints(this.endpoints, policy);
    }

    /**
     * @param transports what serves the endpoints; none when there are no endpoints to
     * serve
     * @return the server
     */
    public DefaultPeerSocketServer server(List<? extends ServerTransport> transports) {
        return new DefaultPeerSocketServer(this.runtime, this.endpoints, transports);
    }

}
