package io.peersocket.internal.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.peersocket.client.ClientListener;
import io.peersocket.client.ClientSettings;
import io.peersocket.client.ConnectionStatus;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.ReconnectPolicy;
import io.peersocket.client.RelayClient;
import io.peersocket.internal.core.Liveness;
import io.peersocket.internal.core.LivenessSettings;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerRuntime;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.PeerListener;
import io.peersocket.spi.CloseInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.boot.ssl.SslBundle;

/**
 * The {@link PeerSocketClient} the builder makes: the connection state machine. One
 * {@link Attempt} is current at a time (DISCONNECTED, CONNECTING, CONNECTED); an attempt
 * that fails or a connection that ends schedules the next one after
 * {@link ReconnectSchedule}'s delay unless the application disconnected. Opening an
 * attempt is the {@link Connector}'s job, taking an upgraded connection the
 * {@link ClientSessionHandler}'s, telling the listeners {@link ClientSignals}'; the core
 * ({@link PeerRuntime}, {@link PeerEndpoint}) runs the connection with the server as peer
 * 1, as on the server side.
 */
final class DefaultPeerSocketClient implements PeerSocketClient {

    // Under the API's name: what applications configure.
    private static final Log logger = LogFactory.getLog(PeerSocketClient.class);

    private final ClientSettings settings;

    private final PeerRuntime runtime;

    // Every signal of every connection of this client, in order: one serial queue (push)
    // or the poll queue.
    private final Executor events;

    private final ClientSignals signals;

    // Pings the server and drops a silent connection; swept on the timers while
    // connected.
    private final Liveness liveness;

    private final Connector connector;

    private final ServerPeer server;

    private final DefaultRelayClient relay;

    private volatile boolean verifySsl;

    private volatile @Nullable SslBundle trustedCertificate;

    private final Object lock = new Object();

    // Guarded by lock.
    private @Nullable Attempt current;

    private @Nullable ConnectTarget target;

    private boolean wantConnected;

    private final ReconnectSchedule reconnect;

    private @Nullable Disposable reconnectTask;

    private volatile ConnectionStatus status = ConnectionStatus.DISCONNECTED;

    private final AtomicInteger attempts = new AtomicInteger();

    /**
     * @param settings what the builder was told
     * @throws IllegalArgumentException naming the setting out of range (the liveness
     * durations)
     */
    DefaultPeerSocketClient(ClientSettings settings) {
        // Fails at build(), naming the setting, rather than on the first connection.
        LivenessSettings livenessSettings = LivenessSettings.of(settings.pingInterval(), settings.idleTimeout(),
                "pingInterval", "idleTimeout");
        this.settings = settings;
        this.runtime = new PeerRuntime(settings.dispatch(), settings.handlerExecutor(), settings.observer(), false);
        this.runtime.setVariants(settings.variants());
        this.events = this.runtime.newEventQueue();
        this.signals = new ClientSignals(settings.name(), this.runtime.observer(), settings.signalScope(),
                this::endpointPath, settings.listeners());
        this.liveness = new Liveness(this.runtime, livenessSettings);
        this.connector = new Connector(settings);
        this.reconnect = new ReconnectSchedule(settings.reconnect());
        this.verifySsl = settings.verifySsl();
        this.trustedCertificate = settings.trustedCertificate();
        this.server = new ServerPeer("/", settings.writeMode());
        this.relay = new DefaultRelayClient(this, this.server, this.signals, settings.observer());
    }

    @Override
    public String name() {
        return this.settings.name();
    }

    @Override
    public DispatchMode dispatchMode() {
        return this.runtime.dispatchMode();
    }

    @Override
    public void addListener(ClientListener listener) {
        this.signals.add(listener);
    }

    @Override
    public void removeListener(ClientListener listener) {
        this.signals.remove(listener);
    }

    // ---- connecting ----

    @Override
    public PeerError connect() {
        String url = this.settings.url();
        if (url == null) {
            logger.warn("Client '" + name() + "' has no URL configured; call connectToUrl(url)");
            return PeerError.ERR_INVALID_PARAMETER;
        }
        return connectToUrl(url, this.settings.protocols(), this.settings.multiplayer(), Map.of());
    }

    @Override
    public PeerError connectToUrl(String url, List<String> protocols, boolean multiplayer, List<String> customHeaders) {
        Map<String, String> headers = ConnectTarget.headerLines(customHeaders,
                (line) -> logger.warn("Client '" + name() + "': custom header '" + line + "' is not 'Name: value'"));
        if (headers == null) {
            return PeerError.ERR_INVALID_PARAMETER;
        }
        return connectToUrl(url, protocols, multiplayer, headers);
    }

    @Override
    public PeerError connectToUrl(String url, List<String> protocols, boolean multiplayer,
            Map<String, String> customHeaders) {
        String problem = PeerSocketClient.checkUrl(url);
        if (problem != null) {
            logger.warn("Client '" + name() + "': " + problem);
            return PeerError.ERR_INVALID_PARAMETER;
        }
        String invalid = ConnectTarget.invalidProtocol(protocols);
        if (invalid != null) {
            logger.warn("Client '" + name() + "': '" + invalid + "' is not a valid subprotocol name");
            return PeerError.ERR_INVALID_PARAMETER;
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(this.settings.headers());
        headers.putAll(customHeaders);
        synchronized (this.lock) {
            if (this.status != ConnectionStatus.DISCONNECTED) {
                return PeerError.ERR_ALREADY_IN_USE;
            }
            cancelReconnect();
            ConnectTarget again = new ConnectTarget(ConnectTarget.normalize(url), protocols, headers, multiplayer);
            this.target = again;
            this.wantConnected = true;
            this.reconnect.reset();
            start(again);
        }
        return PeerError.OK;
    }

    // Caller holds lock.
    private void start(ConnectTarget target) {
        Attempt attempt = new Attempt(target, this.attempts.incrementAndGet());
        this.current = attempt;
        this.status = ConnectionStatus.CONNECTING;
        String path = target.uri().getRawPath();
        Map<String, PeerListener> listeners = Map.of("", new Signals());
        PeerEndpoint endpoint = target.multiplayer()
                ? new PeerEndpoint(path, listeners, this.settings.limits(), this.settings.writeMode(), this.runtime,
                        this.relay.traffic())
                : new PeerEndpoint(path, listeners, this.settings.limits(), this.settings.writeMode(), this.runtime);
        ClientSessionHandler handler = new ClientSessionHandler(this, attempt, endpoint);
        try {
            this.connector.open(attempt, handler, this.verifySsl, this.trustedCertificate,
                    (error) -> failed(attempt, error));
        }
        catch (RuntimeException ex) {
            failed(attempt, ex);
        }
    }

    /**
     * The upgrade completed: unless the attempt failed or was cancelled meanwhile, it
     * becomes the client's connection and its peer is opened (which queues
     * {@code connection_established}).
     * @return the peer, or {@code null} when the connection must be dropped
     */
    @Nullable PeerSession established(Attempt attempt, Supplier<PeerSession> open) {
        synchronized (this.lock) {
            if (this.current != attempt || !attempt.open()) {
                return null;
            }
            attempt.stopTimeout();
            PeerSession session = open.get();
            attempt.session = session;
            LivenessSettings liveness = this.liveness.settings();
            if (liveness.enabled()) {
                long period = liveness.sweepPeriod().toNanos();
                attempt.liveness = this.settings.timers()
                    .schedulePeriodically(this.liveness::sweep, period, period, TimeUnit.NANOSECONDS);
            }
            this.status = ConnectionStatus.CONNECTED;
            this.reconnect.reset();
            return session;
        }
    }

    /** The connection of an established attempt has ended and its signals are queued. */
    void ended(Attempt attempt, CloseInfo close) {
        synchronized (this.lock) {
            attempt.state.set(Attempt.ENDED);
            attempt.stopLiveness();
            PeerSession session = attempt.session;
            if (session != null && session.closedLocally()) {
                this.wantConnected = false; // getPeer(1).close() is a disconnect, as in
                                            // the engine
            }
            if (this.current == attempt) {
                this.current = null;
                this.status = ConnectionStatus.DISCONNECTED;
                scheduleReconnect("connection closed with " + close.code());
            }
        }
    }

    private void failed(Attempt attempt, Throwable error) {
        synchronized (this.lock) {
            if (!attempt.abandon()) {
                return;
            }
            attempt.cancel();
            if (this.current != attempt) {
                return; // cancelled by disconnectFromHost: no signal, as in the engine
            }
            this.current = null;
            this.status = ConnectionStatus.DISCONNECTED;
            logger
                .warn("Client '" + name() + "' could not connect to " + attempt.target.uri() + ": " + describe(error));
            if (logger.isDebugEnabled()) {
                logger.debug("Cause of the connection error", error);
            }
            if (attempt.target.multiplayer()) {
                this.events.execute(
                        () -> this.signals.signal("connection_failed", (l) -> l.connectionFailed(this.relay, error)));
            }
            else {
                this.events.execute(
                        () -> this.signals.signal("connection_error", (l) -> l.connectionError(this.server, error)));
            }
            scheduleReconnect("connection error");
        }
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        Throwable cause = error.getCause();
        while (cause != null && cause != error) {
            text.append("; caused by ").append(cause);
            error = cause;
            cause = cause.getCause();
        }
        return text.toString();
    }

    // Caller holds lock.
    private void scheduleReconnect(String why) {
        ConnectTarget again = this.target;
        if (!this.wantConnected || !this.reconnect.enabled() || again == null) {
            this.wantConnected = false;
            return;
        }
        Duration delay = this.reconnect.next();
        if (delay == null) {
            logger.warn("Client '" + name() + "' gives up reconnecting to " + again.uri() + " after "
                    + this.reconnect.policy().maxAttempts() + " attempts");
            this.wantConnected = false;
            return;
        }
        logger.info("Client '" + name() + "': " + why + "; reconnecting to " + again.uri() + " in " + delay.toMillis()
                + " ms (retry " + this.reconnect.retries() + ")");
        this.reconnectTask = this.settings.timers().schedule(() -> {
            synchronized (this.lock) {
                if (this.wantConnected && this.status == ConnectionStatus.DISCONNECTED && this.target == again) {
                    start(again);
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Caller holds lock.
    private void cancelReconnect() {
        Disposable task = this.reconnectTask;
        if (task != null) {
            task.dispose();
            this.reconnectTask = null;
        }
    }

    // ---- disconnecting ----

    @Override
    public void disconnectFromHost(int code, String reason) {
        PeerSession session = null;
        synchronized (this.lock) {
            this.wantConnected = false;
            cancelReconnect();
            Attempt attempt = this.current;
            if (attempt == null) {
                return;
            }
            if (attempt.isOpen()) {
                session = attempt.session;
            }
            else if (attempt.abandon()) {
                attempt.cancel();
                this.current = null;
                this.status = ConnectionStatus.DISCONNECTED;
            }
        }
        if (session != null) {
            session.close(code, reason);
        }
    }

    @Override
    public boolean shutdown(Duration timeout) {
        disconnectFromHost(1001, "Going away");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.status != ConnectionStatus.DISCONNECTED && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean closed = this.status == ConnectionStatus.DISCONNECTED;
        if (closed && this.runtime.dispatchMode() == DispatchMode.PUSH) {
            // Let the handler see connection_closed before its threads are stopped.
            CountDownLatch delivered = new CountDownLatch(1);
            this.events.execute(delivered::countDown);
            try {
                delivered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (!closed) {
            logger.warn("Client '" + name() + "' did not finish closing within " + timeout + "; dropping it");
            synchronized (this.lock) {
                Attempt attempt = this.current;
                if (attempt != null) {
                    attempt.cancel();
                }
            }
        }
        return closed;
    }

    // ---- state ----

    @Override
    public @Nullable Peer getPeer(int id) {
        return (id == 1) ? this.server : null;
    }

    @Override
    public RelayClient multiplayer() {
        return this.relay;
    }

    @Override
    public Peer server() {
        return this.server;
    }

    @Override
    public ConnectionStatus getConnectionStatus() {
        return this.status;
    }

    @Override
    public @Nullable String getUrl() {
        synchronized (this.lock) {
            return (this.target != null) ? this.target.uri().toString() : this.settings.url();
        }
    }

    @Override
    public boolean isVerifySsl() {
        return this.verifySsl;
    }

    @Override
    public void setVerifySsl(boolean verifySsl) {
        this.verifySsl = verifySsl;
    }

    @Override
    public @Nullable SslBundle getTrustedSslCertificate() {
        return this.trustedCertificate;
    }

    @Override
    public void setTrustedSslCertificate(@Nullable SslBundle bundle) {
        this.trustedCertificate = bundle;
    }

    @Override
    public int poll() {
        return this.runtime.poll();
    }

    @Override
    public BufferLimits limits() {
        return this.settings.limits();
    }

    @Override
    public ReconnectPolicy reconnectPolicy() {
        return this.reconnect.policy();
    }

    // The path of the URL, as the client meters tag it; "/" when the URL has none.
    private String endpointPath() {
        String url = getUrl();
        if (url == null) {
            return "/";
        }
        try {
            String path = URI.create(url).getRawPath();
            return (path == null || path.isEmpty()) ? "/" : path;
        }
        catch (IllegalArgumentException ex) {
            return "/";
        }
    }

    PeerRuntime runtime() {
        return this.runtime;
    }

    Executor events() {
        return this.events;
    }

    @Override
    public String toString() {
        String url = getUrl();
        return "PeerSocketClient '" + name() + "' (" + this.status + ((url != null) ? " " + url : "") + ")";
    }

    /**
     * The core's peer signals, told as the engine's client signals with the server as
     * peer 1.
     */
    private final class Signals implements PeerListener {

        @Override
        public void clientConnected(Peer peer, String protocol) {
            DefaultPeerSocketClient.this.server.attach((PeerSession) peer);
            DefaultPeerSocketClient.this.signals.signal("connection_established",
                    (l) -> l.connectionEstablished(DefaultPeerSocketClient.this.server, protocol));
        }

        @Override
        public void dataReceived(Peer peer) {
            DefaultPeerSocketClient.this.signals.signal("data_received",
                    (l) -> l.dataReceived(DefaultPeerSocketClient.this.server));
        }

        @Override
        public void clientCloseRequest(Peer peer, int code, String reason) {
            DefaultPeerSocketClient.this.signals.signal("server_close_request",
                    (l) -> l.serverCloseRequest(DefaultPeerSocketClient.this.server, code, reason));
        }

        @Override
        public void clientDisconnected(Peer peer, boolean wasClean) {
            DefaultPeerSocketClient.this.signals.signal("connection_closed",
                    (l) -> l.connectionClosed(DefaultPeerSocketClient.this.server, wasClean));
        }

    }

}
