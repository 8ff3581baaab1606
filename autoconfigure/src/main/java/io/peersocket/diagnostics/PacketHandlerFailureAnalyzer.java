package io.peersocket.diagnostics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Reports a {@code @PacketHandler} bean that cannot be served: two handlers on one path,
 * a parameter no signal supplies, a relay declared wrongly. The scanner raises these as
 * {@link IllegalStateException}s whose message starts with the bean; this analyzer keeps
 * that message as the description and adds the action for its kind.
 */
class PacketHandlerFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final Pattern BEANS = Pattern.compile("^@PacketHandler beans? '([^']+)'(?: and '([^']+)')?");

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (cause instanceof IllegalStateException && message != null) {
                Matcher beans = BEANS.matcher(message);
                if (beans.find()) {
                    return new FailureAnalysis(message, action(message, beans.group(1), beans.group(2)), cause);
                }
                if (message.startsWith("peersocket.server.multiplayer.path")) {
                    return new FailureAnalysis(message, "Set peersocket.server.multiplayer.path to a path no plain "
                            + "@PacketHandler uses, or move that handler to another path.", cause);
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String action(String message, String bean, @Nullable String other) {
        if (other != null && message.contains("multiplayer relay")) {
            return "A multiplayer relay has one handler bean, its own application (peer 1): keep one of '" + other
                    + "' and '" + bean + "' at that path and move the other to a path of its own.";
        }
        if (other != null) {
            return "Give '" + bean + "' and '" + other + "' each its own path (@PacketHandler(path = ...)) or "
                    + "different subprotocols (@PacketHandler(protocols = ...)), or merge them into one bean.";
        }
        if (message.contains("has parameter")) {
            return "Change that parameter of '" + bean + "' to one the signal supplies (docs/api-mapping.md lists "
                    + "them per signal: Peer, the peer id, the packet as byte[], String or a JSON type, ...), or "
                    + "remove it.";
        }
        if (message.contains("no JSON mapper")) {
            return "Add Jackson (spring-boot-starter-json) so that a JSON mapper bean exists, or read the packet "
                    + "of '" + bean + "' as String or byte[].";
        }
        return "Change the @PacketHandler declaration of bean '" + bean + "' as the description says.";
    }

    @Override
    public int getOrder() {
        // Before Boot's generic analyzers, which would report the surrounding bean
        // creation failure.
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
