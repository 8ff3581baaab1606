package io.peersocket.autoconfigure;

import java.util.Set;

import io.peersocket.internal.annotation.PacketHandlerScanner;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application declares exactly one multiplayer relay endpoint: by
 * {@code peersocket.server.multiplayer.path} or by
 * {@code @PacketHandler(multiplayer = true)} beans. Asks the scanner which paths are
 * relays, so that the condition and the server agree.
 */
final class OnSingleRelayEndpoint extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String multiplayerPath = context.getEnvironment().getProperty("peersocket.server.multiplayer.path");
        if (multiplayerPath != null && multiplayerPath.isBlank()) {
            multiplayerPath = null;
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        String defaultPath = context.getEnvironment().getProperty("peersocket.server.path", "/");
        Set<String> paths = (beanFactory != null)
                ? PacketHandlerScanner.relayPaths(beanFactory, defaultPath, multiplayerPath)
                : ((multiplayerPath != null) ? Set.of(multiplayerPath) : Set.of());
        return (paths.size() == 1) ? ConditionOutcome.match("one multiplayer relay endpoint " + paths)
                : ConditionOutcome.noMatch(paths.size() + " multiplayer relay endpoints " + paths);
    }

}
