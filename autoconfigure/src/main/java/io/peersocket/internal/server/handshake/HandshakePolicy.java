package io.peersocket.internal.server.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.peersocket.internal.server.security.EndpointAuthorities;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;

/**
 * What both transports check before an upgrade, beyond RFC 6455 itself: the allowed
 * origins and the extra headers of the 101 response ({@code set_extra_headers}).
 * <p>
 * A request without an {@code Origin} header is accepted: native game clients (the
 * engine's own WebSocketClient among them) send none. A page of the same host and port
 * may always connect, as with Spring's own WebSocket support; the allowed origins add
 * others, {@code *} all.
 */
public final class HandshakePolicy {

    private final @Nullable CorsConfiguration origins;

    private final Map<String, String> extraHeaders;

    private final ConnectionLimits limits;

    private final EndpointAuthorities authorities;

    /**
     * @param allowedOrigins origin patterns ({@code https://*.example.com}, {@code *});
     * empty for same-origin only
     * @param extraHeaders headers added to every 101 response
     */
    public HandshakePolicy(List<String> allowedOrigins, Map<String, String> extraHeaders) {
        this(allowedOrigins, extraHeaders, ConnectionLimits.NONE);
    }

    /**
     * @param allowedOrigins origin patterns ({@code https://*.example.com}, {@code *});
     * empty for same-origin only
     * @param extraHeaders headers added to every 101 response
     * @param limits the caps on open peers, checked last, just before the upgrade
     */
    public HandshakePolicy(List<String> allowedOrigins, Map<String, String> extraHeaders, ConnectionLimits limits) {
        this(allowedOrigins, extraHeaders, limits, EndpointAuthorities.NONE);
    }

    /**
     * @param allowedOrigins origin patterns ({@code https://*.example.com}, {@code *});
     * empty for same-origin only
     * @param extraHeaders headers added to every 101 response
     * @param limits the caps on open peers, checked last, just before the upgrade
     * @param authorities the authorities endpoints need by configuration, checked after
     * authentication
     */
    public HandshakePolicy(List<String> allowedOrigins, Map<String, String> extraHeaders, ConnectionLimits limits,
            EndpointAuthorities authorities) {
        this.limits = limits;
        this.authorities = authorities;
        if (allowedOrigins.isEmpty()) {
            this.origins = null;
        }
        else {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOriginPatterns(new ArrayList<>(allowedOrigins));
            this.origins = cors;
        }
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    /**
     * @param origin the request's Origin header, or {@code null}
     * @param scheme the request's scheme ({@code http}/{@code https})
     * @param host the request's Host header
     * @return whether the upgrade may proceed
     */
    public boolean originAllowed(@Nullable String origin, String scheme, @Nullable String host) {
        if (origin == null || sameOrigin(origin, scheme, host)) {
            return true;
        }
        return this.origins != null && this.origins.checkOrigin(origin) != null;
    }

    // A page served by the same host and port is always allowed, as in Spring's own
    // WebSocket support.
    private static boolean sameOrigin(String origin, String scheme, @Nullable String host) {
        return host != null && (origin.equalsIgnoreCase(scheme + "://" + host)
                || origin.equalsIgnoreCase(scheme.replace("ws", "http") + "://" + host));
    }

    /**
     * @return the caps on open peers, shared by every endpoint of every transport
     */
    public ConnectionLimits limits() {
        return this.limits;
    }

    /**
     * @return the authorities endpoints need: the handlers' own and those configured per
     * path
     */
    public EndpointAuthorities authorities() {
        return this.authorities;
    }

    /**
     * @return headers for the 101 response
     */
    public Map<String, String> extraHeaders() {
        return this.extraHeaders;
    }

    /**
     * Splits {@code Sec-WebSocket-Protocol} header values into protocols, in order.
     * @param headerValues the header's values (each may list several, comma-separated)
     * @return the protocols, trimmed
     */
    public static List<String> requestedProtocols(@Nullable List<String> headerValues) {
        List<String> protocols = new ArrayList<>();
        if (headerValues != null) {
            for (String value : headerValues) {
                for (String protocol : StringUtils.commaDelimitedListToStringArray(value)) {
                    String trimmed = protocol.trim();
                    if (!trimmed.isEmpty()) {
                        protocols.add(trimmed);
                    }
                }
            }
        }
        return protocols;
    }

}
