package io.peersocket.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.ClientSignalScope;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.variant.VariantSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Makes {@link PeerSocketClient}s for connections made in code. In a Spring application
 * inject it (a new builder per injection point, with the application's handler threads,
 * SSL bundles and observer, and clients closed with 1001 on shutdown); elsewhere use
 * {@link #create()}. <pre>{@code
 * PeerSocketClient client = builder.listener(new ClientListener() { ... }).build();
 * client.connectToUrl("wss://example.org/", List.of("chat-v1"));
 * }</pre>
 */
public final class PeerSocketClientBuilder {

    private static volatile @Nullable ExecutorService standaloneThreads;

    String name = "client";

    DispatchMode dispatch = DispatchMode.PUSH;

    Executor handlerExecutor;

    PeerSocketObserver observer = PeerSocketObserver.NONE;

    ClientSignalScope signalScope = ClientSignalScope.NONE;

    BufferLimits limits = BufferLimits.DEFAULTS;

    WriteMode writeMode = WriteMode.BINARY;

    VariantSettings variants = VariantSettings.DEFAULT;

    Duration handshakeTimeout = Duration.ofSeconds(10);

    Duration pingInterval = Duration.ofSeconds(25);

    Duration idleTimeout = Duration.ofSeconds(60);

    final Map<String, String> headers = new LinkedHashMap<>();

    @Nullable Supplier<? extends Map<String, String>> headerSupplier;

    ReconnectPolicy reconnect = ReconnectPolicy.NONE;

    Scheduler timers = Schedulers.parallel();

    boolean verifySsl = true;

    @Nullable SslBundle trustedCertificate;

    @Nullable String url;

    List<String> protocols = List.of();

    boolean multiplayer;

    final List<ClientListener> listeners = new ArrayList<>();

    private final @Nullable Function<String, SslBundle> bundles;

    private final @Nullable Set<PeerSocketClient> made;

    /**
     * @param handlerExecutor runs push-mode signals; never an I/O thread
     * @param observer receives counts for metrics
     * @param bundles finds an SSL bundle by name, or {@code null} when there are none
     * @param made remembers every client built, to close them on shutdown; or
     * {@code null}
     */
    public PeerSocketClientBuilder(Executor handlerExecutor, PeerSocketObserver observer,
            @Nullable Function<String, SslBundle> bundles, @Nullable Set<PeerSocketClient> made) {
        this.handlerExecutor = handlerExecutor;
        this.observer = observer;
        this.bundles = bundles;
        this.made = made;
    }

    /**
     * A builder outside Spring: push-mode signals run on a shared pool of daemon threads.
     * @return a new builder
     */
    public static PeerSocketClientBuilder create() {
        ExecutorService threads = standaloneThreads;
        if (threads == null) {
            synchronized (PeerSocketClientBuilder.class) {
                threads = standaloneThreads;
                if (threads == null) {
                    CustomizableThreadFactory factory = new CustomizableThreadFactory("peersocket-client-");
                    factory.setDaemon(true);
                    threads = Executors.newCachedThreadPool(factory);
                    standaloneThreads = threads;
                }
            }
        }
        return new PeerSocketClientBuilder(threads, PeerSocketObserver.NONE, null, null);
    }

    /**
     * @param scope surrounds each call of a listener (observations, MDC); default none
     * @return this builder
     */
    public PeerSocketClientBuilder signalScope(ClientSignalScope scope) {
        this.signalScope = Objects.requireNonNull(scope, "scope");
        return this;
    }

    /**
     * @param name a name for logs and metrics; default {@code client}
     */
    public PeerSocketClientBuilder name(String name) {
        this.name = name;
        return this;
    }

    /**
     * @param url the URL {@link PeerSocketClient#connect()} connects to
     */
    public PeerSocketClientBuilder url(String url) {
        this.url = url;
        return this;
    }

    /**
     * @param protocols the subprotocols {@link PeerSocketClient#connect()} asks for
     */
    public PeerSocketClientBuilder protocols(List<String> protocols) {
        this.protocols = List.copyOf(protocols);
        return this;
    }

    /**
     * @param listener receives the client's signals
     */
    public PeerSocketClientBuilder listener(ClientListener listener) {
        this.listeners.add(listener);
        return this;
    }

    /**
     * @param dispatch push (default) or poll: signals only inside
     * {@link PeerSocketClient#poll()}
     */
    public PeerSocketClientBuilder dispatch(DispatchMode dispatch) {
        this.dispatch = dispatch;
        return this;
    }

    /**
     * @param executor runs push-mode signals instead of the default threads
     */
    public PeerSocketClientBuilder handlerExecutor(Executor executor) {
        this.handlerExecutor = executor;
        return this;
    }

    /**
     * @param limits the engine's {@code set_buffers}; default 64 KiB and 1024 packets
     * each way
     */
    public PeerSocketClientBuilder buffers(BufferLimits limits) {
        this.limits = limits;
        return this;
    }

    /**
     * @param multiplayer whether {@link PeerSocketClient#connect()} speaks the engine's
     * relay protocol ({@code gd_mp_api}); see {@link PeerSocketClient#multiplayer()}
     * @return this builder
     */
    public PeerSocketClientBuilder multiplayer(boolean multiplayer) {
        this.multiplayer = multiplayer;
        return this;
    }

    /**
     * @param writeMode the initial write mode of peer 1; the engine's default is BINARY
     */
    public PeerSocketClientBuilder writeMode(WriteMode writeMode) {
        this.writeMode = writeMode;
        return this;
    }

    /**
     * @param variants how peer 1's put_var / get_var encode Variants (dialect, size
     * limit, object decoding); the engine's defaults unless set
     * @return this builder
     */
    public PeerSocketClientBuilder variants(VariantSettings variants) {
        this.variants = Objects.requireNonNull(variants, "variants");
        return this;
    }

    /**
     * @param timeout how long connecting (TCP, TLS, upgrade) may take before
     * {@code connection_error}; default 10 s
     */
    public PeerSocketClientBuilder handshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive but was " + timeout);
        }
        this.handshakeTimeout = timeout;
        return this;
    }

    /**
     * @param interval time between two pings sent to the server once connected; default
     * 25 s, {@link Duration#ZERO} sends none
     * @return this builder
     */
    public PeerSocketClientBuilder pingInterval(Duration interval) {
        this.pingInterval = interval;
        return this;
    }

    /**
     * @param timeout time after which a connection on which no complete frame arrived is
     * dropped ({@code connection_closed}, unclean; the reconnect policy then applies);
     * default 60 s, {@link Duration#ZERO} never drops. Must exceed the ping interval
     * (checked by {@link #build()}).
     * @return this builder
     */
    public PeerSocketClientBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * @param headers request headers sent on every connection
     */
    public PeerSocketClientBuilder headers(Map<String, String> headers) {
        this.headers.putAll(headers);
        return this;
    }

    /**
     * Headers asked for on every connection attempt, reconnects included, and sent over
     * the fixed ones: credentials that expire (a bearer token) are fetched fresh for each
     * attempt. An exception of the supplier fails that attempt (and the reconnect policy
     * applies).
     * @param headers gives the headers of one attempt, e.g.
     * {@code Authorization: Bearer ...}
     */
    public PeerSocketClientBuilder headers(Supplier<? extends Map<String, String>> headers) {
        this.headerSupplier = headers;
        return this;
    }

    /**
     * @param policy whether and when to reconnect; default never, as the engine
     */
    public PeerSocketClientBuilder reconnect(ReconnectPolicy policy) {
        this.reconnect = policy;
        return this;
    }

    /**
     * @param verifySsl the engine's {@code verify_ssl}; {@code false} is for development
     * only
     */
    public PeerSocketClientBuilder verifySsl(boolean verifySsl) {
        this.verifySsl = verifySsl;
        return this;
    }

    /**
     * @param bundle the engine's {@code trusted_ssl_certificate}: only certificates
     * chaining to its trust store are accepted
     */
    public PeerSocketClientBuilder trustedCertificate(@Nullable SslBundle bundle) {
        this.trustedCertificate = bundle;
        return this;
    }

    /**
     * @param bundleName the name of a Spring Boot SSL bundle
     * ({@code spring.ssl.bundle.*}) whose trust store holds the trusted certificate
     * @throws IllegalStateException when there is no such bundle
     */
    public PeerSocketClientBuilder trustedCertificate(String bundleName) {
        if (this.bundles == null) {
            throw new IllegalStateException("No SSL bundles are available to find '" + bundleName + "'");
        }
        this.trustedCertificate = this.bundles.apply(bundleName);
        return this;
    }

    /**
     * @param scheduler runs handshake timeouts and reconnect delays; default Reactor's
     * parallel scheduler
     */
    public PeerSocketClientBuilder timers(Scheduler scheduler) {
        this.timers = scheduler;
        return this;
    }

    /**
     * @return a new client, not connected
     * @throws IllegalArgumentException naming a setting out of range (an idle timeout not
     * longer than the ping interval ...): here rather than on the first connection
     */
    public PeerSocketClient build() {
        PeerSocketClient client = Factory.INSTANCE.create(settings());
        if (this.made != null) {
            synchronized (this.made) {
                this.made.add(client);
            }
        }
        return client;
    }

    /**
     * @return what this builder was told, frozen
     */
    public ClientSettings settings() {
        return new ClientSettings(this.name, this.url, this.protocols, this.multiplayer, this.listeners, this.dispatch,
                this.handlerExecutor, this.observer, this.signalScope, this.limits, this.writeMode, this.variants,
                this.handshakeTimeout, this.pingInterval, this.idleTimeout, this.headers, this.headerSupplier,
                this.reconnect, this.timers, this.verifySsl, this.trustedCertificate);
    }

    /**
     * @return a set that forgets clients nobody uses any more, for
     * {@link #PeerSocketClientBuilder}
     */
    public static Set<PeerSocketClient> weakClientSet() {
        return Collections.newSetFromMap(new WeakHashMap<>());
    }

    /**
     * The library's {@link PeerSocketClientFactory}, loaded on first use only (a
     * server-only application never loads it). Found as a service so that this API
     * package names no internal class.
     */
    private static final class Factory {

        static final PeerSocketClientFactory INSTANCE = load();

        private Factory() {
        }

        private static PeerSocketClientFactory load() {
            Iterator<PeerSocketClientFactory> found = ServiceLoader
                .load(PeerSocketClientFactory.class, PeerSocketClientFactory.class.getClassLoader())
                .iterator();
            if (!found.hasNext()) {
                throw new IllegalStateException("No " + PeerSocketClientFactory.class.getName()
                        + " is registered in META-INF/services: the peersocket jar was repackaged without it");
            }
            return found.next();
        }

    }

}
