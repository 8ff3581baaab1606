package io.peersocket.internal.server.handshake;

import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The RFC 6455 (4.2.1) and HTTP/1.1 rules for an upgrade request's headers that both
 * transports must enforce alike, before any upgrade: one {@code Host}, and one
 * {@code Sec-WebSocket-Key} that is the base64 of exactly 16 bytes. Tomcat enforces some
 * of them itself; Reactor Netty's handshaker takes any key and no Host at all, hence this
 * check.
 */
public final class UpgradeHeaders {

    // Headers that a request carries once: two of them cannot be told apart, so neither
    // is trusted.
    private static final List<String> SINGLETONS = List.of(HttpHeaders.HOST, "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", HttpHeaders.ORIGIN);

    private UpgradeHeaders() {
    }

    /**
     * Why an upgrade request must be refused with 400.
     *
     * @param reason the short reason tag of the refused-handshake metric
     * @param detail what is wrong, for the log
     */
    public record Problem(String reason, String detail) {
    }

    /**
     * @param headers the upgrade request's headers
     * @return what makes the request malformed, or {@code null} when nothing does (a
     * missing key or version is left to the transport's own answer)
     */
    public static @Nullable Problem check(HttpHeaders headers) {
        for (String name : SINGLETONS) {
            List<String> values = headers.get(name);
            if (values != null && values.size() > 1) {
                return new Problem("duplicate-header", "header " + name + " sent " + values.size() + " times");
            }
        }
        String host = headers.getFirst(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            return new Problem("host", "no Host header");
        }
        String key = headers.getFirst("Sec-WebSocket-Key");
        if (key != null && !isValidKey(key)) {
            return new Problem("key", "Sec-WebSocket-Key is not the base64 of 16 bytes");
        }
        return null;
    }

    // The base64 of 16 bytes is 24 characters, the last two '=' padding.
    private static boolean isValidKey(String key) {
        String trimmed = key.trim();
        if (trimmed.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(trimmed).length == 16;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
