package io.peersocket.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.util.ReferenceCountUtil;
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
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.ClientSignalScope;
import io.peersocket.spi.CloseInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * The client template, as the engine's {@code WebSocketClient}. {@link #connectToUrl} returns at
 * once; the outcome arrives as a signal ({@code connection_established} or
 * {@code connection_error}); the server is {@link #getPeer(int) peer 1}, with the same
 * {@link Peer} API as a server's peers; {@link #disconnectFromHost} closes.
 * <p>
 * Signals reach the {@link ClientListener}s pushed on a handler thread (one at a time for this
 * client, in order, across reconnects too), or, in {@link DispatchMode#POLL poll mode}, only
 * inside {@link #poll()}, on the calling thread, as in the engine. Reading, writing and
 * reconnecting never wait for {@code poll()}.
 * <p>
 * Built on Spring WebFlux's {@link ReactorNettyWebSocketClient}; the connection, its limits and
 * its demand-driven reading are the server's own (see {@code io.peersocket.core}). Make one with
 * {@link PeerSocketClientBuilder} (auto-configured in a Spring application) or declare a named
 * connection under {@code peersocket.client.connections}.
 */
public final class PeerSocketClient {

    private static final Log logger = LogFactory.getLog(PeerSocketClient.class);

    private final String name;

    private final PeerRuntime runtime;

    private final ClientSignalScope signalScope;

    // Every signal of every connection of this client, in order: one serial queue (push) or the poll queue.
    private final Executor events;

    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

    private final BufferLimits limits;

    private final WriteMode writeMode;

    private final Duration handshakeTimeout;

    // Pings the server and drops a silent connection; swept on the timers while connected.
    private final Liveness liveness;

    private final Map<String, String> defaultHeaders;

    private final @Nullable Supplier<? extends Map<String, String>> headerSupplier;

    private final ReconnectPolicy reconnect;

    private final Scheduler timers;

    private final ServerPeer server;

    private final @Nullable String defaultUrl;

    private final List<String> defaultProtocols;

    private final boolean defaultMultiplayer;

    private final RelayClient relay;

    private volatile boolean verifySsl;

    private volatile @Nullable SslBundle trustedCertificate;

    private final Object lock = new Object();

    // Guarded by lock.
    private @Nullable Attempt current;

    private @Nullable Target target;

    private boolean wantConnected;

    private int retries;

    private @Nullable Disposable reconnectTask;

    private volatile ConnectionStatus status = ConnectionStatus.DISCONNECTED;

    private final AtomicInteger attempts = new AtomicInteger();

    private boolean insecureWarned;

    PeerSocketClient(PeerSocketClientBuilder builder) {
        this.name = builder.name;
        this.runtime = new PeerRuntime(builder.dispatch, builder.handlerExecutor, builder.observer, false);
        this.runtime.setVariants(builder.variants);
        this.signalScope = builder.signalScope;
        this.events = this.runtime.newEventQueue();
        this.listeners.addAll(builder.listeners);
        this.limits = builder.limits;
        this.writeMode = builder.writeMode;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.liveness = new Liveness(this.runtime, LivenessSettings.of(builder.pingInterval, builder.idleTimeout,
                "pingInterval", "idleTimeout"));
        this.defaultHeaders = Map.copyOf(builder.headers);
        this.headerSupplier = builder.headerSupplier;
        this.reconnect = builder.reconnect;
        this.timers = builder.timers;
        this.verifySsl = builder.verifySsl;
        this.trustedCertificate = builder.trustedCertificate;
        this.defaultUrl = builder.url;
        this.defaultProtocols = List.copyOf(builder.protocols);
        this.server = new ServerPeer("/", builder.writeMode);
        this.defaultMultiplayer = builder.multiplayer;
        this.relay = new RelayClient(this, this.server, builder.observer);
    }

    /** @return the name of this client (the named connection, or the one given to the builder) */
    public String name() {
        return this.name;
    }

    /** @return push or poll */
    public DispatchMode dispatchMode() {
        return this.runtime.dispatchMode();
    }

    /** @param listener receives this client's signals from now on */
    public void addListener(ClientListener listener) {
        this.listeners.add(listener);
    }

    /** @param listener no longer receives signals */
    public void removeListener(ClientListener listener) {
        this.listeners.remove(listener);
    }

    // ---- connecting ----

    /**
     * Connects to the URL and protocols this client was configured with (a named connection's
     * {@code url} and {@code protocols}).
     * @return as {@link #connectToUrl(String, List, boolean, Map)}
     */
    public PeerError connect() {
        if (this.defaultUrl == null) {
            logger.warn("Client '" + this.name + "' has no URL configured; call connectToUrl(url)");
            return PeerError.ERR_INVALID_PARAMETER;
        }
        return connectToUrl(this.defaultUrl, this.defaultProtocols, this.defaultMultiplayer, Map.of());
    }

    /**
     * {@code connect_to_url(url)} without subprotocols.
     * @param url a {@code ws://} or {@code wss://} URL
     * @return as {@link #connectToUrl(String, List, boolean, Map)}
     */
    public PeerError connectToUrl(String url) {
        return connectToUrl(url, List.of(), false, Map.of());
    }

    /**
     * {@code connect_to_url(url, protocols)}.
     * @param url a {@code ws://} or {@code wss://} URL
     * @param protocols the subprotocols to ask for, in order of preference
     * @return as {@link #connectToUrl(String, List, boolean, Map)}
     */
    public PeerError connectToUrl(String url, List<String> protocols) {
        return connectToUrl(url, protocols, false, Map.of());
    }

    /**
     * {@code connect_to_url(url, protocols, gd_mp_api, custom_headers)} with the engine's header
     * lines ({@code "Name: value"}).
     * @param url a {@code ws://} or {@code wss://} URL
     * @param protocols the subprotocols to ask for
     * @param multiplayer the engine's relay protocol ({@code gd_mp_api}): see {@link #multiplayer()}
     * @param customHeaders extra request header lines, {@code "Name: value"}
     * @return as {@link #connectToUrl(String, List, boolean, Map)}; also
     * {@link PeerError#ERR_INVALID_PARAMETER} for a line without a colon
     */
    public PeerError connectToUrl(String url, List<String> protocols, boolean multiplayer, List<String> customHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : customHeaders) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                logger.warn("Client '" + this.name + "': custom header '" + line + "' is not 'Name: value'");
                return PeerError.ERR_INVALID_PARAMETER;
            }
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return connectToUrl(url, protocols, multiplayer, headers);
    }

    /**
     * {@code connect_to_url(url, protocols, gd_mp_api, custom_headers)}: starts connecting and
     * returns at once. {@code connection_established} or {@code connection_error} follows.
     * @param url a {@code ws://} or {@code wss://} URL
     * @param protocols the subprotocols to ask for, in order of preference; the server must
     * select one of them (a server that selects another, or none, is a {@code connection_error})
     * @param multiplayer the engine's relay protocol ({@code gd_mp_api}): the server is a relay, the
     * client's side of it is {@link #multiplayer()}, and the listeners get the multiplayer signals
     * ({@code peer_connected}, {@code connection_succeeded} ...) instead of
     * {@code connection_established}, {@code data_received}, {@code connection_closed} and
     * {@code connection_error}. The engine asks for no subprotocol in this mode: pass none.
     * @param customHeaders extra request headers, added to the configured ones
     * @return {@link PeerError#OK} when connecting started; {@link PeerError#ERR_INVALID_PARAMETER}
     * for a URL that is not {@code ws://host...} or {@code wss://host...}, or an invalid protocol
     * name; {@link PeerError#ERR_ALREADY_IN_USE} while connecting or connected
     */
    public PeerError connectToUrl(String url, List<String> protocols, boolean multiplayer,
            Map<String, String> customHeaders) {
        URI uri = parse(url);
        if (uri == null) {
            return PeerError.ERR_INVALID_PARAMETER;
        }
        for (String protocol : protocols) {
            if (protocol.isEmpty() || !protocol.chars().allMatch(PeerSocketClient::isTokenChar)) {
                logger.warn("Client '" + this.name + "': '" + protocol + "' is not a valid subprotocol name");
                return PeerError.ERR_INVALID_PARAMETER;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(this.defaultHeaders);
        headers.putAll(customHeaders);
        synchronized (this.lock) {
            if (this.status != ConnectionStatus.DISCONNECTED) {
                return PeerError.ERR_ALREADY_IN_USE;
            }
            cancelReconnect();
            this.target = new Target(uri, List.copyOf(protocols), Map.copyOf(headers), multiplayer);
            this.wantConnected = true;
            this.retries = 0;
            start(this.target);
        }
        return PeerError.OK;
    }

    /**
     * Checks a URL as {@link #connectToUrl} does.
     * @param url the URL
     * @return what is wrong with it, or {@code null} when it is a {@code ws://} or {@code wss://} URL with a host
     */
    public static @Nullable String checkUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                return "'" + url + "' must start with ws:// or wss://";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "'" + url + "' has no host";
            }
            return null;
        }
        catch (URISyntaxException ex) {
            return "'" + url + "' is not a valid URL: " + ex.getMessage();
        }
    }

    private @Nullable URI parse(String url) {
        String problem = checkUrl(url);
        if (problem != null) {
            logger.warn("Client '" + this.name + "': " + problem);
            return null;
        }
        URI uri = URI.create(url.trim());
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/"
                    + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
        }
        return uri;
    }

    // RFC 7230 token characters: what a subprotocol name may contain.
    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    // Caller holds lock.
    private void start(Target target) {
        Attempt attempt = new Attempt(target, this.attempts.incrementAndGet());
        this.current = attempt;
        this.status = ConnectionStatus.CONNECTING;
        PeerEndpoint endpoint = target.multiplayer()
                ? new PeerEndpoint(target.uri().getRawPath(), Map.of("", new Signals()), this.limits, this.writeMode,
                        this.runtime, this.relay.traffic())
                : new PeerEndpoint(target.uri().getRawPath(), Map.of("", new Signals()), this.limits, this.writeMode,
                        this.runtime);
        ClientSessionHandler handler = new ClientSessionHandler(this, attempt, endpoint);
        try {
            connect(attempt, target, handler);
        }
        catch (RuntimeException ex) {
            failed(attempt, ex);
        }
    }

    // Caller holds lock.
    private void connect(Attempt attempt, Target target, ClientSessionHandler handler) {
        HttpClient http = HttpClient.newConnection()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, this.handshakeTimeout.toMillis()))
            // The kernel's safety net under the idle timeout for a server that vanished without a FIN.
            .option(ChannelOption.SO_KEEPALIVE, true)
            .doOnConnected((connection) -> {
                attempt.channel = connection.channel();
                connection.addHandlerLast(RefusedUpgrade.NAME, new RefusedUpgrade(attempt));
            });
        if ("wss".equalsIgnoreCase(target.uri().getScheme())) {
            http = ClientTls.secure(http, this.verifySsl, this.trustedCertificate);
            if (!this.verifySsl && !this.insecureWarned) {
                this.insecureWarned = true;
                logger.warn("Client '" + this.name + "' does not verify TLS certificates (verify-ssl: false): "
                        + "anyone can impersonate " + target.uri().getHost() + "; use this for development only");
            }
        }
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(http,
                () -> WebsocketClientSpec.builder().maxFramePayloadLength(this.limits.inBytes()).handlePing(false));
        HttpHeaders headers = new HttpHeaders();
        target.headers().forEach(headers::set);
        if (this.headerSupplier != null) {
            try {
                // Asked again for every attempt: a token that expired since the last one is replaced.
                Map<String, String> fresh = this.headerSupplier.get();
                if (fresh != null) {
                    fresh.forEach(headers::set);
                }
            }
            catch (RuntimeException ex) {
                failed(attempt, ex);
                return;
            }
        }
        logger.debug("Client '" + this.name + "' connecting to " + target.uri() + " (attempt " + attempt.number + ")");
        attempt.timeout = this.timers.schedule(() -> failed(attempt, new TimeoutException("no WebSocket upgrade from "
                + target.uri() + " within " + this.handshakeTimeout.toMillis() + " ms")),
                this.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        attempt.subscription = client.execute(target.uri(), headers, handler)
            .subscribe(null, (error) -> failed(attempt, error), () -> failed(attempt,
                    new IllegalStateException("connection to " + target.uri() + " ended before the upgrade")));
    }

    /**
     * The upgrade completed: unless the attempt failed or was cancelled meanwhile, it becomes the
     * client's connection and its peer is opened (which queues {@code connection_established}).
     * @return the peer, or {@code null} when the connection must be dropped
     */
    @Nullable PeerSession established(Attempt attempt, java.util.function.Supplier<PeerSession> open) {
        synchronized (this.lock) {
            if (this.current != attempt || !attempt.state.compareAndSet(Attempt.CONNECTING, Attempt.OPEN)) {
                return null;
            }
            Disposable timeout = attempt.timeout;
            if (timeout != null) {
                timeout.dispose();
            }
            PeerSession session = open.get();
            attempt.session = session;
            LivenessSettings settings = this.liveness.settings();
            if (settings.enabled()) {
                long period = settings.sweepPeriod().toNanos();
                attempt.liveness = this.timers.schedulePeriodically(this.liveness::sweep, period, period,
                        TimeUnit.NANOSECONDS);
            }
            this.status = ConnectionStatus.CONNECTED;
            this.retries = 0;
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
                this.wantConnected = false; // getPeer(1).close() is a disconnect, as in the engine
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
            if (!attempt.state.compareAndSet(Attempt.CONNECTING, Attempt.ENDED)) {
                return;
            }
            attempt.cancel();
            if (this.current != attempt) {
                return; // cancelled by disconnectFromHost: no signal, as in the engine
            }
            this.current = null;
            this.status = ConnectionStatus.DISCONNECTED;
            logger.warn("Client '" + this.name + "' could not connect to " + attempt.target.uri() + ": "
                    + describe(error));
            if (logger.isDebugEnabled()) {
                logger.debug("Cause of the connection error", error);
            }
            if (attempt.target.multiplayer()) {
                this.events.execute(() -> signal("connection_failed", (l) -> l.connectionFailed(this.relay, error)));
            }
            else {
                this.events.execute(() -> signal("connection_error", (l) -> l.connectionError(this.server, error)));
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
        Target again = this.target;
        if (!this.wantConnected || !this.reconnect.enabled() || again == null) {
            this.wantConnected = false;
            return;
        }
        this.retries++;
        if (this.reconnect.maxAttempts() > 0 && this.retries > this.reconnect.maxAttempts()) {
            logger.warn("Client '" + this.name + "' gives up reconnecting to " + again.uri() + " after "
                    + this.reconnect.maxAttempts() + " attempts");
            this.wantConnected = false;
            return;
        }
        Duration delay = this.reconnect.delay(this.retries, ThreadLocalRandom.current());
        logger.info("Client '" + this.name + "': " + why + "; reconnecting to " + again.uri() + " in "
                + delay.toMillis() + " ms (retry " + this.retries + ")");
        this.reconnectTask = this.timers.schedule(() -> {
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

    /** {@code disconnect_from_host()}: closes with 1000 and no reason. */
    public void disconnectFromHost() {
        disconnectFromHost(1000, "");
    }

    /**
     * {@code disconnect_from_host(code, reason)}: closes after the packets already queued, and
     * stops reconnecting. {@code connection_closed} follows for an open connection; a connection
     * still being made is abandoned without a signal, as in the engine.
     * @param code the close code (1000, 1001, 1003 ... or 3000-4999)
     * @param reason the reason, at most 123 bytes of UTF-8
     */
    public void disconnectFromHost(int code, String reason) {
        PeerSession session = null;
        synchronized (this.lock) {
            this.wantConnected = false;
            cancelReconnect();
            Attempt attempt = this.current;
            if (attempt == null) {
                return;
            }
            if (attempt.state.get() == Attempt.OPEN) {
                session = attempt.session;
            }
            else if (attempt.state.compareAndSet(Attempt.CONNECTING, Attempt.ENDED)) {
                attempt.cancel();
                this.current = null;
                this.status = ConnectionStatus.DISCONNECTED;
            }
        }
        if (session != null) {
            session.close(code, reason);
        }
    }

    /**
     * Closes with 1001 (going away), stops reconnecting, and waits for the close to finish:
     * what a named connection does on shutdown.
     * @param timeout the longest wait
     * @return whether the connection was closed in time
     */
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
            java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(1);
            this.events.execute(delivered::countDown);
            try {
                delivered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (!closed) {
            logger.warn("Client '" + this.name + "' did not finish closing within " + timeout + "; dropping it");
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

    /**
     * {@code get_peer(1)}: the server. The same object for the client's whole life; see
     * {@link ServerPeer}.
     * @param id the peer id: only 1 exists on a client
     * @return the server for id 1, else {@code null}
     */
    public @Nullable Peer getPeer(int id) {
        return (id == 1) ? this.server : null;
    }

    /**
     * The client's side of the engine's multiplayer relay, for connections made with
     * {@code multiplayer = true}: its id, the peers, targeted sends, payloads with their source.
     * The same object for the client's whole life.
     * @return the relay client
     */
    public RelayClient multiplayer() {
        return this.relay;
    }

    /** @return the server, peer 1, as {@link #getPeer(int) getPeer(1)} */
    public Peer server() {
        return this.server;
    }

    /** @return {@code get_connection_status()} */
    public ConnectionStatus getConnectionStatus() {
        return this.status;
    }

    /** @return whether the connection is open */
    public boolean isConnected() {
        return this.status == ConnectionStatus.CONNECTED;
    }

    /** @return {@code get_connected_host()}: the server's address, or an empty string */
    public String getConnectedHost() {
        return isConnected() ? this.server.getConnectedHost() : "";
    }

    /** @return {@code get_connected_port()}: the server's port, or 0 */
    public int getConnectedPort() {
        return isConnected() ? this.server.getConnectedPort() : 0;
    }

    /** @return the URL of the current or last connection, or the configured one */
    public @Nullable String getUrl() {
        synchronized (this.lock) {
            return (this.target != null) ? this.target.uri().toString() : this.defaultUrl;
        }
    }

    /** @return the engine's {@code verify_ssl}: whether {@code wss://} certificates are verified */
    public boolean isVerifySsl() {
        return this.verifySsl;
    }

    /**
     * {@code verify_ssl}: takes effect on the next connection. {@code false} accepts any certificate
     * and host name: for development only, and logged as a warning.
     * @param verifySsl whether to verify
     */
    public void setVerifySsl(boolean verifySsl) {
        this.verifySsl = verifySsl;
    }

    /** @return the bundle whose trust store holds the only certificates accepted, or {@code null} for the JVM's */
    public @Nullable SslBundle getTrustedSslCertificate() {
        return this.trustedCertificate;
    }

    /**
     * {@code trusted_ssl_certificate}: when set, only servers whose certificate chains to this
     * bundle's trust store are accepted; takes effect on the next connection.
     * @param bundle a Spring Boot SSL bundle, or {@code null} for the JVM's trust store
     */
    public void setTrustedSslCertificate(@Nullable SslBundle bundle) {
        this.trustedCertificate = bundle;
    }

    /**
     * {@code poll()}: delivers, on the calling thread and in order, every signal pending when the
     * call began. Needed in poll mode; harmless in push mode.
     * @return how many signals were delivered
     */
    public int poll() {
        return this.runtime.poll();
    }

    /** @return the buffer limits of each connection */
    public BufferLimits limits() {
        return this.limits;
    }

    /** @return the reconnect policy */
    public ReconnectPolicy reconnectPolicy() {
        return this.reconnect;
    }

    PeerRuntime runtime() {
        return this.runtime;
    }

    Executor events() {
        return this.events;
    }

    @Override
    public String toString() {
        return "PeerSocketClient '" + this.name + "' (" + this.status + (getUrl() != null ? " " + getUrl() : "") + ")";
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

    /**
     * Delivers one signal to every listener, each call inside the signal scope (observation, MDC);
     * what a listener throws is logged and counted here, after the scope has seen it.
     * @param name the engine's name of the signal ({@code connection_established} ...)
     * @param signal the call
     */
    void signal(String name, Consumer<ClientListener> signal) {
        for (ClientListener listener : this.listeners) {
            try {
                this.signalScope.run(this.name, endpointPath(), name, () -> signal.accept(listener));
            }
            catch (Throwable ex) {
                logger.error("Listener " + listener + " of client '" + this.name + "' failed", ex);
                this.runtime.observer().handlerError("client:" + this.name, ex);
            }
        }
    }

    /** Where a client connects: kept for reconnects. */
    record Target(URI uri, List<String> protocols, Map<String, String> headers, boolean multiplayer) {
    }

    /** One connection attempt, from connect to close. */
    /**
     * Answers a refused upgrade (an HTTP status other than 101) itself, before Reactor Netty's
     * handshaker sees it: that one would log a WARN with a stack trace for an ordinary answer of
     * the server, beside this client's own line. The attempt fails with the same
     * {@link WebSocketClientHandshakeException} the handshaker would have raised.
     */
    private final class RefusedUpgrade extends ChannelInboundHandlerAdapter {

        static final String NAME = "peersocket.refusedUpgrade";

        private final Attempt attempt;

        private boolean refused;

        RefusedUpgrade(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpResponse response
                    && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                WebSocketClientHandshakeException refused = new WebSocketClientHandshakeException(
                        "Invalid handshake response getStatus: " + response.status(), response);
                ReferenceCountUtil.release(message);
                this.refused = true;
                failed(this.attempt, refused);
                context.close();
                return;
            }
            context.pipeline().remove(this); // after the upgrade response, frames only
            context.fireChannelRead(message);
        }

        // Reactor Netty would report the close of a refused connection as a second error, with a
        // WARN and a stack trace; the attempt has failed and its subscription is cancelled already.
        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            if (!this.refused) {
                super.channelInactive(context);
            }
        }

    }

    static final class Attempt {

        static final int CONNECTING = 0;

        static final int OPEN = 1;

        static final int ENDED = 2;

        final Target target;

        final int number;

        final AtomicInteger state = new AtomicInteger(CONNECTING);

        volatile @Nullable Channel channel;

        volatile @Nullable PeerSession session;

        volatile @Nullable Disposable subscription;

        volatile @Nullable Disposable timeout;

        volatile @Nullable Disposable liveness;

        Attempt(Target target, int number) {
            this.target = target;
            this.number = number;
        }

        void stopLiveness() {
            Disposable sweep = this.liveness;
            if (sweep != null) {
                sweep.dispose();
            }
        }

        void cancel() {
            stopLiveness();
            Disposable timer = this.timeout;
            if (timer != null) {
                timer.dispose();
            }
            Disposable running = this.subscription;
            if (running != null) {
                running.dispose();
            }
            Channel open = this.channel;
            if (open != null) {
                open.close();
            }
        }

    }

    /** The core's peer signals, told as the engine's client signals with the server as peer 1. */
    private final class Signals implements PeerListener {

        @Override
        public void clientConnected(Peer peer, String protocol) {
            PeerSocketClient.this.server.attach((PeerSession) peer);
            signal("connection_established", (l) -> l.connectionEstablished(PeerSocketClient.this.server, protocol));
        }

        @Override
        public void dataReceived(Peer peer) {
            signal("data_received", (l) -> l.dataReceived(PeerSocketClient.this.server));
        }

        @Override
        public void clientCloseRequest(Peer peer, int code, String reason) {
            signal("server_close_request", (l) -> l.serverCloseRequest(PeerSocketClient.this.server, code, reason));
        }

        @Override
        public void clientDisconnected(Peer peer, boolean wasClean) {
            signal("connection_closed", (l) -> l.connectionClosed(PeerSocketClient.this.server, wasClean));
        }

    }

}
