package io.peersocket.autoconfigure;

import io.peersocket.diagnostics.PeerSocketConfigurationException;
import io.peersocket.multiplayer.RelayServers;
import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.multiplayer.rpc.MultiplayerApis;
import io.peersocket.multiplayer.rpc.RemoteNode;
import io.peersocket.variant.VariantDialect;

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
@EnableConfigurationProperties({ MultiplayerApiProperties.class, PeerSocketProperties.class })
public final class MultiplayerApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MultiplayerApis peerSocketMultiplayerApis(ListableBeanFactory beanFactory, MultiplayerApiProperties properties,
            PeerSocketProperties server) {
        // Pandemonium renumbered the MultiplayerAPI's commands and dropped rset: its clients'
        // calls would be misread, so refuse to start rather than serve them wrongly.
        if (server.getServer().getVariant().getDialect() == VariantDialect.PANDEMONIUM) {
            throw new PeerSocketConfigurationException("peersocket.server.variant.dialect",
                    "peersocket.server.variant.dialect is pandemonium, but @RemoteNode beans speak Godot 3's "
                            + "MultiplayerAPI: Pandemonium numbers its commands differently and has no rset",
                    "Serve Pandemonium clients without @RemoteNode beans (raw relay packets), or use dialect "
                            + "godot-3 for Godot 3 clients; see docs/multiplayer-api.md");
        }
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
