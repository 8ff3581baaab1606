package io.peersocket.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;

/**
 * Reports a {@code peersocket.*} property whose value a setter of
 * {@code PeerSocketProperties} refused (out of range, a path without '/'). Boot's own
 * report names only the group being bound ({@code peersocket.server.buffers}); the
 * setter's message names the property in it, so both make the full name. Values that do
 * not convert at all (text for a number) stay with Boot's analyzer.
 */
class PeerSocketPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        Throwable refusal = NestedExceptionUtils.getMostSpecificCause(cause);
        String group = cause.getName().toString();
        String reason = refusal.getMessage();
        // Exactly IllegalArgumentException: the setters throw it; conversion failures
        // throw subclasses.
        if (!group.startsWith("peersocket.") || refusal.getClass() != IllegalArgumentException.class
                || reason == null) {
            return null;
        }
        String property = propertyName(group, reason);
        String description = "Invalid value for " + property + ": " + reason;
        if (cause.getProperty() != null && cause.getProperty().getOrigin() != null) {
            description += " (" + cause.getProperty().getOrigin() + ")";
        }
        return new FailureAnalysis(description,
                "Set " + property + " to an allowed value in the application's "
                        + "configuration, or remove it to use the default (docs/configuration.md lists each one).",
                cause);
    }

    // "peersocket.server.port must be ..." names the property; "in-kib must be ..." names
    // it within the group.
    private static String propertyName(String group, String reason) {
        String first = reason.split(" ", 2)[0];
        if (first.startsWith("peersocket.")) {
            return first;
        }
        if (first.matches("[a-z][a-z0-9.-]*")) {
            return group + "." + first;
        }
        return group;
    }

    @Override
    public int getOrder() {
        // Before Boot's BindFailureAnalyzer, which would report only the group.
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
