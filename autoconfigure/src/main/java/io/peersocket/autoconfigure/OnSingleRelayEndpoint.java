package io.peersocket.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.peersocket.annotation.PacketHandler;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application declares exactly one multiplayer relay endpoint: by
 * {@code peersocket.server.multiplayer.path} or by {@code @PacketHandler(multiplayer = true)} beans.
 */
final class OnSingleRelayEndpoint extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Set<String> paths = new LinkedHashSet<>();
        String propertyPath = context.getEnvironment().getProperty("peersocket.server.multiplayer.path");
        if (propertyPath != null && !propertyPath.isBlank()) {
            paths.add(propertyPath);
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory != null) {
            String defaultPath = context.getEnvironment().getProperty("peersocket.server.path", "/");
            for (String name : beanFactory.getBeanNamesForAnnotation(PacketHandler.class)) {
                PacketHandler handler = beanFactory.findAnnotationOnBean(name, PacketHandler.class, false);
                if (handler != null && handler.multiplayer()) {
                    paths.add(handler.path().isEmpty() ? defaultPath : handler.path());
                }
            }
        }
        return (paths.size() == 1) ? ConditionOutcome.match("one multiplayer relay endpoint " + paths)
                : ConditionOutcome.noMatch(paths.size() + " multiplayer relay endpoints " + paths);
    }

}
