package io.peersocket.autoconfigure;

import io.peersocket.multiplayer.RelayServers;
import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.multiplayer.rpc.MultiplayerApis;
import io.peersocket.multiplayer.rpc.RemoteNode;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The engine's MultiplayerAPI for relay endpoints that serve {@link RemoteNode} beans: the
 * registry the server's assembly asks for each relay, and the {@link MultiplayerApi} itself for
 * injection when there is one relay endpoint.
 */
@AutoConfiguration(before = PeerSocketServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "peersocket.server.enabled", matchIfMissing = true)
@ConditionalOnBean(annotation = RemoteNode.class)
@EnableConfigurationProperties(MultiplayerApiProperties.class)
public final class MultiplayerApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MultiplayerApis peerSocketMultiplayerApis(ListableBeanFactory beanFactory, MultiplayerApiProperties properties) {
        return new MultiplayerApis(beanFactory, properties.isStrict(), properties.getMaxCachedPaths());
    }

    /**
     * The MultiplayerAPI, for injection, when there is exactly one relay endpoint (else use
     * {@link MultiplayerApis#get(String)}).
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnSingleRelayEndpoint.class)
    MultiplayerApi peerSocketMultiplayerApi(MultiplayerApis apis, RelayServers relays) {
        MultiplayerApi api = apis.get(relays.only().path());
        if (api == null) {
            throw new IllegalStateException("No @RemoteNode bean is bound to relay " + relays.only().path());
        }
        return api;
    }

}
