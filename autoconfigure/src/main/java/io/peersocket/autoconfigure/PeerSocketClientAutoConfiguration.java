package io.peersocket.autoconfigure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.observation.ObservationRegistry;
import io.peersocket.annotation.PayloadConverter;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.PeerSocketClientBuilder;
import io.peersocket.client.PeerSocketClients;
import io.peersocket.diagnostics.PeerSocketConfigurationException;
import io.peersocket.internal.annotation.ClientHandlerScanner;
import io.peersocket.internal.core.LivenessSettings;
import io.peersocket.observation.PeerSocketClientSignalScope;
import io.peersocket.observation.PeerSocketHandlerObservationConvention;
import io.peersocket.spi.ClientObserverProvider;
import io.peersocket.spi.PeerSocketObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Wires the client template: a {@link PeerSocketClientBuilder} for connections made in
 * code (a new one per injection point), and the named connections of
 * {@code peersocket.client.connections} with their {@code @PacketHandler(client = ...)}
 * beans, connected on start and closed with 1001 on shutdown ({@link PeerSocketClients}).
 */
@AutoConfiguration(after = PeerSocketServerAutoConfiguration.class,
        afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
                "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "peersocket.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PeerSocketProperties.class)
@Import(PeerSocketJsonConfiguration.class)
public final class PeerSocketClientAutoConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    PeerSocketClientThreads peerSocketClientThreads(PeerSocketProperties properties) {
        return new PeerSocketClientThreads(properties.getClient().getHandlerThreads());
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean
    PeerSocketClientBuilder peerSocketClientBuilder(PeerSocketClientThreads threads, ObjectProvider<SslBundles> bundles,
            ObjectProvider<ClientObserverProvider> metrics, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<PeerSocketHandlerObservationConvention> convention, PeerSocketProperties properties) {
        SslBundles ssl = bundles.getIfAvailable();
        // The PeerSocketObserver beans are the server's (its meters say role=server):
        // client
        // traffic goes to the client meters only, which are no such bean.
        ClientObserverProvider clientMetrics = metrics.getIfAvailable();
        // The server's handler observation and MDC around the listeners' calls too,
        // tagged role=client.
        return new PeerSocketClientBuilder(threads.executor(),
                (clientMetrics != null) ? clientMetrics.clientObserver() : PeerSocketObserver.NONE,
                (ssl != null) ? ssl::getBundle : null, threads.built())
            .signalScope(new PeerSocketClientSignalScope(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                    convention.getIfAvailable(), properties.getClient().isHandlerMdc()));
    }

    @Bean
    @ConditionalOnMissingBean
    PeerSocketClients peerSocketClients(PeerSocketProperties properties, ListableBeanFactory beanFactory,
            ObjectProvider<PayloadConverter> converter, ObjectProvider<PeerSocketClientBuilder> builders,
            ObjectProvider<SslBundles> bundles, PeerSocketClientThreads threads) {
        PeerSocketProperties.Client config = properties.getClient();
        Map<String, ClientHandlerScanner.DeclaredClient> handlers = new ClientHandlerScanner(beanFactory,
                converter.getIfAvailable())
            .scan(config.getConnections().keySet());
        Map<String, PeerSocketClient> clients = new LinkedHashMap<>();
        Set<String> autoConnect = new LinkedHashSet<>();
        config.getConnections().forEach((name, connection) -> {
            String prefix = "peersocket.client.connections." + name;
            String url = connection.getUrl();
            if (url == null || url.isBlank()) {
                throw new PeerSocketConfigurationException(prefix + ".url", prefix + ".url is required", "Set " + prefix
                        + ".url to the server's ws:// or wss:// URL, or remove the connection '" + name + "'.");
            }
            String problem = PeerSocketClient.checkUrl(url);
            if (problem != null) {
                throw new PeerSocketConfigurationException(prefix + ".url", prefix + ".url: " + problem,
                        "Set " + prefix + ".url to a URL of the form ws://host[:port]/path or wss://host[:port]/path.");
            }
            ClientHandlerScanner.DeclaredClient handler = handlers.get(name);
            // Checked here, so that a wrong pair fails naming this connection's
            // properties.
            LivenessSettings liveness = LivenessSettings.of(connection.getPingInterval(), connection.getIdleTimeout(),
                    prefix + ".ping-interval", prefix + ".idle-timeout");
            PeerSocketClientBuilder builder = builders.getObject()
                .name(name)
                .url(url)
                .protocols(connection.getProtocols())
                .multiplayer(connection.isMultiplayer())
                .headers(connection.getHeaders())
                .dispatch(connection.getDispatch())
                .writeMode((handler != null && handler.writeMode() != null) ? handler.writeMode()
                        : connection.getWriteMode())
                .buffers(connection.getBuffers().toLimits())
                .variants(connection.getVariant().toSettings())
                .handshakeTimeout(connection.getHandshakeTimeout())
                .pingInterval(liveness.pingInterval())
                .idleTimeout(liveness.idleTimeout())
                .verifySsl(connection.isVerifySsl())
                .reconnect(reconnect(prefix, connection));
            String bundle = connection.getSsl().getBundle();
            if (bundle != null && !bundle.isBlank()) {
                builder.trustedCertificate(bundle(prefix, bundle, bundles.getIfAvailable()));
            }
            if (handler != null) {
                builder.listener(handler.listener());
            }
            clients.put(name, builder.build());
            if (connection.isAutoConnect()) {
                autoConnect.add(name);
            }
        });
        return new PeerSocketClients(clients, autoConnect, threads.built(), config.getShutdownTimeout());
    }

    private static io.peersocket.client.ReconnectPolicy reconnect(String prefix,
            PeerSocketProperties.ClientConnection connection) {
        try {
            return connection.getReconnect().toPolicy();
        }
        catch (IllegalArgumentException ex) {
            throw new PeerSocketConfigurationException(prefix + ".reconnect", prefix + "." + ex.getMessage(),
                    "Correct the value under " + prefix + ".reconnect, or remove it to use the default.", ex);
        }
    }

    private static org.springframework.boot.ssl.SslBundle bundle(String prefix, String name,
            @Nullable SslBundles bundles) {
        return PeerSocketServerAutoConfiguration.sslBundle(prefix + ".ssl.bundle", name, bundles);
    }

    /**
     * The threads of push-mode client signals, and the clients made by builders (closed
     * on shutdown). Not an {@code Executor} bean, so that Boot's own
     * {@code applicationTaskExecutor} is left alone.
     */
    static final class PeerSocketClientThreads {

        private final ExecutorService handlers;

        private final Set<PeerSocketClient> built = PeerSocketClientBuilder.weakClientSet();

        PeerSocketClientThreads(int threads) {
            this.handlers = Executors.newFixedThreadPool(threads, new CustomizableThreadFactory("peersocket-client-"));
        }

        ExecutorService executor() {
            return this.handlers;
        }

        Set<PeerSocketClient> built() {
            return this.built;
        }

        void shutdownNow() {
            this.handlers.shutdownNow();
        }

    }

}
