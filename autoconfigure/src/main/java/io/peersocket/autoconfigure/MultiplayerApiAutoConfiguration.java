package io.peersocket.autoconfigure;

import java.util.Locale;

import io.peersocket.diagnostics.PeerSocketConfigurationException;
import io.peersocket.multiplayer.RelayServers;
import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.internal.multiplayer.DefaultMultiplayerApis;
import io.peersocket.multiplayer.rpc.MultiplayerApis;
import io.peersocket.multiplayer.rpc.MultiplayerDialect;
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
 * The engine's MultiplayerAPI for relay endpoints that serve {@link RemoteNode} beans:
 * the registry the server's assembly asks for each relay, and the {@link MultiplayerApi}
 * itself for injection when there is one relay endpoint.
 */
@AutoConfiguration(before = PeerSocketServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "peersocket.server.enabled", matchIfMissing = true)
@ConditionalOnBean(annotation = RemoteNode.class)
@EnableConfigurationProperties({ MultiplayerApiProperties.class, PeerSocketProperties.class })
public final class MultiplayerApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DefaultMultiplayerApis peerSocketMultiplayerApis(ListableBeanFactory beanFactory,
            MultiplayerApiProperties properties, PeerSocketProperties server) {
        // A call's arguments are Variants of the same engine as its commands: a Godot 3
        // client's
        // Vector2 is another type id in Pandemonium's table, so the two dialects must
        // agree.
        MultiplayerDialect dialect = properties.getDialect();
        VariantDialect variants = server.getServer().getVariant().getDialect();
        VariantDialect expected = (dialect == MultiplayerDialect.PANDEMONIUM) ? VariantDialect.PANDEMONIUM
                : VariantDialect.GODOT_3;
        if (variants != expected) {
            throw new PeerSocketConfigurationException("peersocket.server.multiplayer.api.dialect",
                    "peersocket.server.multiplayer.api.dialect is " + dialect.name().toLowerCase(Locale.ROOT)
                            + " but peersocket.server.variant.dialect is "
                            + variants.name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + ": the remote calls' arguments would be read with the other engine's Variant types",
                    "Set both to pandemonium for Pandemonium clients, or leave both at their defaults (godot3, "
                            + "godot-3) for Godot 3 clients; see docs/multiplayer-api.md");
        }
        return new DefaultMultiplayerApis(beanFactory, properties.isStrict(), properties.getMaxCachedPaths(), dialect);
    }

    /**
     * The MultiplayerAPI, for injection, when there is exactly one relay endpoint (else
     * use {@link MultiplayerApis#get(String)}).
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnSingleRelayEndpoint.class)
    MultiplayerApi peerSocketMultiplayerApi(DefaultMultiplayerApis apis, RelayServers relays) {
        MultiplayerApi api = apis.get(relays.only().path());
        if (api == null) {
            throw new IllegalStateException("No @RemoteNode bean is bound to relay " + relays.only().path());
        }
        return api;
    }

}
