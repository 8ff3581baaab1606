package io.peersocket.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code peersocket.server.port} has a value. An empty value
 * ({@code peersocket.server.port=}, the natural way to unset it in a profile) counts as
 * unset: {@code @ConditionalOnProperty} would match it and leave the dedicated port
 * without a port.
 */
final class OnDedicatedPort extends SpringBootCondition {

    static final String PROPERTY = "peersocket.server.port";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String port = context.getEnvironment().getProperty(PROPERTY);
        return StringUtils.hasText(port) ? ConditionOutcome.match(PROPERTY + " is " + port)
                : ConditionOutcome.noMatch(PROPERTY + " is unset or empty");
    }

}
