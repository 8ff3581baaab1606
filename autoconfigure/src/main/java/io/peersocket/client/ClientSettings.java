package io.peersocket.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.ClientSignalScope;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.variant.VariantSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.ssl.SslBundle;

/**
 * What a {@link PeerSocketClientBuilder} was told, frozen when
 * {@link PeerSocketClientBuilder#build()} is called: the one value a
 * {@link PeerSocketClientFactory} makes a client from. Each component is documented on
 * the builder method that sets it.
 *
 * @param name the client's name in logs and metrics
 * @param url the URL {@link PeerSocketClient#connect()} connects to, or {@code null}
 * @param protocols the subprotocols {@link PeerSocketClient#connect()} asks for
 * @param multiplayer whether {@link PeerSocketClient#connect()} speaks the relay protocol
 * @param listeners the listeners the client starts with
 * @param dispatch push or poll
 * @param handlerExecutor runs push-mode signals
 * @param observer receives counts for metrics
 * @param signalScope surrounds each call of a listener (observations, MDC)
 * @param limits the buffer limits of each connection
 * @param writeMode the initial write mode of peer 1
 * @param variants how peer 1 encodes Variants
 * @param handshakeTimeout how long connecting may take
 * @param pingInterval time between two pings, zero for none
 * @param idleTimeout time after which a silent connection is dropped, zero for never
 * @param headers request headers sent on every connection
 * @param headerSupplier headers asked for on every attempt, or {@code null}
 * @param reconnect whether and when to reconnect
 * @param timers runs handshake timeouts, liveness sweeps and reconnect delays
 * @param verifySsl whether {@code wss://} certificates are verified
 * @param trustedCertificate the bundle holding the only trusted certificates, or
 * {@code null}
 */
public record ClientSettings(String name, @Nullable String url, List<String> protocols, boolean multiplayer,
        List<ClientListener> listeners, DispatchMode dispatch, Executor handlerExecutor, PeerSocketObserver observer,
        ClientSignalScope signalScope, BufferLimits limits, WriteMode writeMode, VariantSettings variants,
        Duration handshakeTimeout, Duration pingInterval, Duration idleTimeout, Map<String, String> headers,
        @Nullable Supplier<? extends Map<String, String>> headerSupplier, ReconnectPolicy reconnect, Scheduler timers,
        boolean verifySsl, @Nullable SslBundle trustedCertificate) {

    /**
     * Copies the lists and the map: a builder used again does not change a client already
     * built.
     */
    public ClientSettings {
        protocols = List.copyOf(protocols);
        listeners = List.copyOf(listeners);
        headers = Map.copyOf(headers);
    }

}
