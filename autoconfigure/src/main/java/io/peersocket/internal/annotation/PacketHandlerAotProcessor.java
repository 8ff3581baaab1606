package io.peersocket.internal.annotation;

import java.util.LinkedHashSet;
import java.util.Set;

import io.peersocket.annotation.PacketHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Finds the {@link PacketHandler} bean classes during ahead-of-time processing, scanned
 * or declared with {@code @Bean}, and has {@link PacketHandlerReflectiveProcessor}
 * register their hints: what Spring's own processor does for {@code @Reflective} types,
 * hints only and no generated code. Registered in {@code META-INF/spring/aot.factories}
 * rather than named by {@code @Reflective} on the annotation, so that the API's
 * annotation imports no internal type.
 */
public final class PacketHandlerAotProcessor implements BeanFactoryInitializationAotProcessor {

    private final PacketHandlerReflectiveProcessor hints = new PacketHandlerReflectiveProcessor();

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> handlers = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = RegisteredBean.of(beanFactory, name).getBeanClass();
            if (MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).isPresent(PacketHandler.class)) {
                handlers.add(type);
            }
        }
        if (handlers.isEmpty()) {
            return null;
        }
        return (context, code) -> handlers
            .forEach((type) -> this.hints.registerReflectionHints(context.getRuntimeHints().reflection(), type));
    }

}
