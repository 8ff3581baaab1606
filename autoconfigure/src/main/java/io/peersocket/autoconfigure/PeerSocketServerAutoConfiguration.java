package io.peersocket.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import io.peersocket.annotation.PayloadConverter;
import io.peersocket.diagnostics.PeerSocketConfigurationException;
import io.peersocket.internal.annotation.PacketHandlerScanner.DeclaredEndpoint;
import io.peersocket.internal.annotation.PacketHandlerScanner;
import io.peersocket.internal.core.CompositePeerSocketObserver;
import io.peersocket.internal.core.Liveness;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerRuntime;
import io.peersocket.internal.multiplayer.DefaultMultiplayerApis;
import io.peersocket.internal.server.DefaultPeerSocketServer;
import io.peersocket.internal.server.LivenessSweep;
import io.peersocket.internal.server.PeerSocketServerFactory;
import io.peersocket.internal.server.PollWatchdog;
import io.peersocket.internal.server.ServerLifecycle;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.internal.server.reactive.ApplicationServerEndpoints;
import io.peersocket.internal.server.reactive.DedicatedPortServer;
import io.peersocket.internal.server.reactive.DedicatedPortTls;
import io.peersocket.internal.server.servlet.ServletEndpoints;
import io.peersocket.multiplayer.RelayHook;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.RelayServers;
import io.peersocket.server.PeerSocketNettyServerCustomizer;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.spi.HandlerScope;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.spi.ServerTransport;
import io.peersocket.spi.UpgradeAuthenticator;
import io.peersocket.internal.server.security.EndpointAuthorities;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.lang.Contract;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * Wires the peersocket server: the endpoints declared by {@code @PacketHandler} beans,
 * the {@link PeerSocketServer}, and the transport that serves them (the dedicated port
 * when {@code peersocket.server.port} is set, else the application's servlet container).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "peersocket.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PeerSocketProperties.class)
@Import(PeerSocketJsonConfiguration.class)
public final class PeerSocketServerAutoConfiguration {

    /**
     * Where the dedicated port's bound port is published, as {@code local.server.port}.
     */
    public static final String LOCAL_PORT_PROPERTY = "local.peersocket.port";

    @Bean(destroyMethod = "shutdownNow")
    PeerSocketHandlerThreads peerSocketHandlerThreads(PeerSocketProperties properties,
            ObjectProvider<ThreadPoolTaskExecutorBuilder> pools, ObjectProvider<SimpleAsyncTaskExecutorBuilder> simple,
            Environment environment) {
        return new PeerSocketHandlerThreads(properties.getServer().getHandlerThreads(), pools.getIfAvailable(),
                simple.getIfAvailable(), Threading.VIRTUAL.isActive(environment));
    }

    /**
     * The endpoints the handler beans declare, assembled: what the transport serves and
     * what the server is built from (see {@link PeerSocketServerFactory} for the order).
     */
    @Bean
    PeerSocketServerFactory peerSocketServerFactory(PeerSocketProperties properties, ListableBeanFactory beanFactory,
            ObjectProvider<PayloadConverter> converter, ObjectProvider<PeerSocketObserver> observers,
            ObjectProvider<RelayHook> relayHook, PeerSocketHandlerThreads threads,
            ObjectProvider<HandlerScope> handlerScope, ObjectProvider<DefaultMultiplayerApis> multiplayerApis) {
        PeerSocketProperties.Server config = properties.getServer();
        PeerRuntime runtime = new PeerRuntime(config.getDispatch(), threads.executor(),
                CompositePeerSocketObserver.of(observers.orderedStream().toList()), config.isCloseOnHandlerError());
        runtime.setHandlerScope(handlerScope.getIfAvailable());
        runtime.setVariants(config.getVariant().toSettings());
        runtime.setTrafficLimits(config.getLimits().toTrafficLimits());
        List<DeclaredEndpoint> declared = new PacketHandlerScanner(beanFactory, converter.getIfAvailable())
            .scan(config.getPath(), config.getProtocols(), config.getMultiplayer().getPath());
        DefaultMultiplayerApis apis = multiplayerApis.getIfAvailable();
        if (apis != null) {
            // @RemoteNode beans put the engine's MultiplayerAPI in front of their relay's
            // application.
            declared = declared.stream()
                .map((each) -> each.multiplayer()
                        ? each.withApplication(apis.bind(each.path(), each.application(), runtime.observer())) : each)
                .toList();
            apis.verifyBound();
        }
        return new PeerSocketServerFactory(runtime, declared, config.getBuffers().toLimits(), config.getWriteMode(),
                config.getMultiplayer().toOptions(), relayHook.getIfAvailable());
    }

    /**
     * The server over whichever transport the configuration calls for (none without
     * endpoints to serve).
     */
    @Bean
    DefaultPeerSocketServer peerSocketServer(PeerSocketServerFactory factory,
            ObjectProvider<ServerTransport> transports) {
        return factory.server(transports.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    RelayServers peerSocketRelayServers(PeerSocketServerFactory factory) {
        return factory.relays();
    }

    /**
     * The multiplayer relay, for injection, when there is exactly one (else inject
     * {@link RelayServers}).
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnSingleRelayEndpoint.class)
    RelayServer peerSocketRelayServer(RelayServers relays) {
        return relays.only();
    }

    @Bean
    ServerLifecycle peerSocketServerLifecycle(PeerSocketProperties properties, DefaultPeerSocketServer server,
            ObjectProvider<DedicatedPortServer> dedicatedPort, Environment environment) {
        return new ServerLifecycle(server, dedicatedPort.getIfAvailable(), properties.getServer().getShutdownTimeout(),
                (port) -> publishPort(environment, port));
    }

    /**
     * Pings and the idle timeout after the upgrade, on every transport; none when both
     * are 0.
     */
    @Bean
    @ConditionalOnMissingBean
    LivenessSweep peerSocketLivenessSweep(PeerSocketProperties properties, PeerSocketServerFactory factory) {
        return new LivenessSweep(new Liveness(factory.runtime(), properties.getServer().toLiveness()));
    }

    private static void publishPort(Environment environment, int port) {
        if (environment instanceof ConfigurableEnvironment configurable) {
            configurable.getPropertySources()
                .addFirst(new MapPropertySource("peersocket.ports", Map.of(LOCAL_PORT_PROPERTY, port)));
        }
    }

    /** In poll mode, one warning per endpoint when the application never calls poll(). */
    @Bean
    @ConditionalOnProperty(name = "peersocket.server.dispatch", havingValue = "poll")
    PollWatchdog peerSocketPollWatchdog(DefaultPeerSocketServer server) {
        return new PollWatchdog(server, Duration.ofSeconds(5));
    }

    @Bean
    HandshakePolicy peerSocketHandshakePolicy(PeerSocketProperties properties, PeerSocketServerFactory factory) {
        Map<String, List<String>> authorities = properties.getServer().getAuth().getAuthorities();
        EndpointPaths.check("peersocket.server.auth.authorities", authorities.keySet(), factory.endpoints());
        return new HandshakePolicy(properties.getServer().getAllowedOrigins(), properties.getServer().getExtraHeaders(),
                properties.getServer().getLimits().toLimits(), new EndpointAuthorities(authorities));
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnDedicatedPort.class)
    static class DedicatedPortConfiguration {

        @Bean
        DedicatedPortServer peerSocketDedicatedPort(PeerSocketProperties properties, PeerSocketServerFactory factory,
                HandshakePolicy policy, ObjectProvider<SslBundles> sslBundles,
                ObjectProvider<UpgradeAuthenticator> authenticator,
                ObjectProvider<PeerSocketNettyServerCustomizer> customizers) {
            PeerSocketProperties.Server config = properties.getServer();
            String bundleName = config.getSsl().getBundle();
            UnaryOperator<HttpServer> customizer = (httpServer) -> httpServer;
            if (bundleName != null) {
                SslBundles bundles = sslBundles.getIfAvailable();
                DedicatedPortTls tls = new DedicatedPortTls(
                        sslBundle("peersocket.server.ssl.bundle", bundleName, bundles),
                        switch (config.getSsl().getClientAuth()) {
                            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                            case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                            case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                        });
                // Boot calls this when a bundle with reload-on-update=true changes on
                // disk.
                bundles.addBundleUpdateHandler(bundleName, tls::update);
                customizer = tls;
            }
            if (config.isForwardHeaders()) {
                // Reactor Netty's own reading of Forwarded / X-Forwarded-*, as Boot's
                // Netty server uses it.
                customizer = customizer.andThen((httpServer) -> httpServer.forwarded(true))::apply;
            }
            if (config.getProxyProtocol() != PeerSocketProperties.ProxyProtocol.OFF) {
                customizer = DedicatedPortProxyProtocol.customizer(config.getProxyProtocol())
                    .compose(customizer)::apply;
            }
            // The application's customizers last, in their order: they see the port's own
            // settings.
            List<PeerSocketNettyServerCustomizer> applied = customizers.orderedStream().toList();
            UnaryOperator<HttpServer> own = customizer;
            UnaryOperator<HttpServer> customized = (httpServer) -> {
                HttpServer result = own.apply(httpServer);
                for (PeerSocketNettyServerCustomizer each : applied) {
                    result = each.customize(result);
                }
                return result;
            };
            // OnDedicatedPort: this configuration exists only when peersocket.server.port
            // is set.
            int port = java.util.Objects.requireNonNull(config.getPort(), OnDedicatedPort.PROPERTY);
            return factory.dedicatedPort(config.getBindAddress(), port, policy, config.getHandshakeTimeout(),
                    customized, authenticator.getIfAvailable(() -> UpgradeAuthenticator.NONE));
        }

    }

    /**
     * @param property the property naming the bundle
     * @param name the bundle's name
     * @param bundles the application's bundles, if any
     * @return the bundle
     * @throws PeerSocketConfigurationException naming the property when there is no such
     * bundle
     */
    @Contract("_, _, null -> fail")
    static SslBundle sslBundle(String property, String name, @Nullable SslBundles bundles) {
        if (bundles == null) {
            throw new PeerSocketConfigurationException(property,
                    property + " names '" + name + "' but the application has no SSL bundles (spring.ssl.bundle.*)",
                    "Define the bundle under spring.ssl.bundle.pem." + name + " (or .jks." + name + "), or remove "
                            + property + ".");
        }
        try {
            return bundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new PeerSocketConfigurationException(property,
                    property + " names '" + name + "', which is not one of " + bundles.getBundleNames()
                            + " (spring.ssl.bundle.*)",
                    "Define the bundle under spring.ssl.bundle.pem." + name + " (or .jks." + name + "), or set "
                            + property + " to one of " + bundles.getBundleNames() + ".",
                    ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebSocketConfigurer.class)
    @Conditional(NoDedicatedPort.class)
    @EnableWebSocket
    static class ServletConfiguration {

        @Bean
        ServletEndpoints peerSocketServletEndpoints(PeerSocketServerFactory factory, HandshakePolicy policy,
                PeerSocketHandlerThreads threads, PeerSocketProperties properties) {
            return factory.servlet(policy, threads.writeExecutor(), properties.getServer().getSendTimeLimit());
        }

    }

    /**
     * A servlet application without Spring WebSocket (excluded from the starter, or a
     * servlet stack the starter was not added to): the endpoints would silently go
     * unserved.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingClass("org.springframework.web.socket.config.annotation.WebSocketConfigurer")
    @Conditional(NoDedicatedPort.class)
    static class NoServletTransportConfiguration {

        NoServletTransportConfiguration(PeerSocketServerFactory factory) {
            List<PeerEndpoint> endpoints = factory.endpoints();
            if (!endpoints.isEmpty()) {
                throw new PeerSocketConfigurationException("peersocket.server.port", "peersocket has "
                        + endpoints.size() + " @PacketHandler endpoint(s) "
                        + endpoints.stream().map(PeerEndpoint::path).toList()
                        + " but nothing serves them: peersocket.server.port is unset and this servlet application "
                        + "has no Spring WebSocket (org.springframework:spring-websocket) for the servlet transport",
                        "Add org.springframework:spring-websocket (the peersocket starter brings it; or add "
                                + "spring-boot-starter-websocket), or set peersocket.server.port to serve the endpoints "
                                + "on a dedicated port.");
            }
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @Conditional(NoDedicatedPort.class)
    static class ReactiveApplicationServerConfiguration {

        @Bean
        ApplicationServerEndpoints peerSocketApplicationServerEndpoints(PeerSocketServerFactory factory,
                HandshakePolicy policy) {
            return factory.applicationServer(policy);
        }

        @Bean
        SimpleUrlHandlerMapping peerSocketHandlerMapping(ApplicationServerEndpoints endpoints) {
            return endpoints.handlerMapping();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnNotWebApplication
    @Conditional(NoDedicatedPort.class)
    static class NoTransportConfiguration {

        NoTransportConfiguration(PeerSocketServerFactory factory) {
            List<PeerEndpoint> endpoints = factory.endpoints();
            if (!endpoints.isEmpty()) {
                throw new PeerSocketConfigurationException("peersocket.server.port",
                        "peersocket has " + endpoints.size() + " @PacketHandler endpoint(s) "
                                + endpoints.stream().map(PeerEndpoint::path).toList()
                                + " but nothing serves them: peersocket.server.port is unset and the application is no "
                                + "servlet or WebFlux web application",
                        "Set peersocket.server.port to serve the endpoints on a dedicated port (0 picks a free one), "
                                + "or make the application a servlet or WebFlux web application, or set "
                                + "peersocket.server.enabled=false if it only uses the client.");
            }
        }

    }

    static final class NoDedicatedPort extends NoneNestedConditions {

        NoDedicatedPort() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(OnDedicatedPort.class)
        static final class PortSet {

        }

    }

    /**
     * The server's threads: handler threads for push mode, writer threads for the servlet
     * transport's blocking sends. Not an {@code Executor} bean, so that Boot's own
     * {@code applicationTaskExecutor} is left alone. The handler executor comes from
     * Boot's builders when present, so that {@code spring.task.execution.*} customizers
     * and task decorators (context propagation) apply, and
     * {@code spring.threads.virtual.enabled} gives virtual threads.
     */
    static final class PeerSocketHandlerThreads {

        private static final String HANDLER_PREFIX = "peersocket-handler-";

        private final Executor handlers;

        private final Runnable stopHandlers;

        // The pool behind the handlers, for executor metrics; null on virtual threads.
        private final @Nullable ExecutorService handlerPool;

        private final ExecutorService writers;

        PeerSocketHandlerThreads(int handlerThreads, @Nullable ThreadPoolTaskExecutorBuilder pools,
                @Nullable SimpleAsyncTaskExecutorBuilder simple, boolean virtual) {
            if (virtual && simple != null) {
                // One virtual thread per task; no concurrency limit, because reaching it
                // would
                // block the submitter, which is an I/O thread. Each peer's signals still
                // run one
                // at a time (SerialTaskQueue); handler-threads bounds platform threads
                // only.
                SimpleAsyncTaskExecutor executor = simple.threadNamePrefix(HANDLER_PREFIX)
                    .virtualThreads(true)
                    .concurrencyLimit(null)
                    .rejectTasksWhenLimitReached(false)
                    .build();
                this.handlers = executor;
                this.stopHandlers = executor::close;
                this.handlerPool = null;
            }
            else if (pools != null) {
                // handler-threads threads, always there, and an unbounded queue: a
                // submission
                // from an I/O thread never blocks and is never refused.
                ThreadPoolTaskExecutor executor = pools.corePoolSize(handlerThreads)
                    .maxPoolSize(handlerThreads)
                    .queueCapacity(Integer.MAX_VALUE)
                    .allowCoreThreadTimeOut(false)
                    .threadNamePrefix(HANDLER_PREFIX)
                    .build();
                executor.initialize();
                this.handlers = executor;
                this.stopHandlers = () -> executor.getThreadPoolExecutor().shutdownNow();
                this.handlerPool = executor.getThreadPoolExecutor();
            }
            else {
                ExecutorService executor = Executors.newFixedThreadPool(handlerThreads,
                        new CustomizableThreadFactory(HANDLER_PREFIX));
                this.handlers = executor;
                this.stopHandlers = executor::shutdownNow;
                this.handlerPool = executor;
            }
            this.writers = Executors.newFixedThreadPool(handlerThreads,
                    new CustomizableThreadFactory("peersocket-write-"));
        }

        Executor executor() {
            return this.handlers;
        }

        @Nullable ExecutorService handlerPool() {
            return this.handlerPool;
        }

        ExecutorService writeExecutor() {
            return this.writers;
        }

        void shutdownNow() {
            this.stopHandlers.run();
            this.writers.shutdownNow();
        }

    }

}
