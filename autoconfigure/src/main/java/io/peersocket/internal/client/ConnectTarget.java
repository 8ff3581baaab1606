package io.peersocket.internal.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.client.PeerSocketClient;
import org.jspecify.annotations.Nullable;

/**
 * Where a client connects, checked as {@code connectToUrl} promises and kept for
 * reconnects: a {@code ws://} or {@code wss://} URL with a host (an empty path becomes
 * {@code /}), subprotocol names that are RFC 7230 tokens, and the request headers.
 *
 * @param uri the URL
 * @param protocols the subprotocols to ask for, in order of preference
 * @param headers the fixed request headers
 * @param multiplayer whether the relay protocol is spoken
 */
record ConnectTarget(URI uri, List<String> protocols, Map<String, String> headers, boolean multiplayer) {

    ConnectTarget {
        protocols = List.copyOf(protocols);
        headers = Map.copyOf(headers);
    }

    /**
     * @param url a URL that passed {@link PeerSocketClient#checkUrl}
     * @return it, with {@code /} for an empty path
     */
    static URI normalize(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/"
                    + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
        }
        return uri;
    }

    /**
     * @param protocols the subprotocols asked for
     * @return the first that is not a valid subprotocol name, or {@code null}
     */
    static @Nullable String invalidProtocol(List<String> protocols) {
        for (String protocol : protocols) {
            if (protocol.isEmpty() || !protocol.chars().allMatch(ConnectTarget::isTokenChar)) {
                return protocol;
            }
        }
        return null;
    }

    /**
     * The engine's header lines, {@code "Name: value"}.
     * @param lines the lines
     * @param invalid receives the first line without a colon
     * @return the headers, or {@code null} when a line is invalid
     */
    static @Nullable Map<String, String> headerLines(List<String> lines, java.util.function.Consumer<String> invalid) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                invalid.accept(line);
                return null;
            }
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return headers;
    }

    /**
     * @return whether this target uses TLS
     */
    boolean secure() {
        return "wss".equalsIgnoreCase(this.uri.getScheme());
    }

    // RFC 7230 token characters: what a subprotocol name may contain.
    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

}
