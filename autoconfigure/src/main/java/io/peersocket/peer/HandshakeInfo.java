package io.peersocket.peer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a peer's upgrade request said, kept read-only for the life of the peer: its
 * headers (names case-insensitive, several values each), query parameters, cookies, the
 * client's address, the selected subprotocol and the authenticated principal. The engine
 * has none of this; it is what a Spring application needs to know who connected.
 * <p>
 * The same on both transports. The {@linkplain #remoteAddress() address} is the client's
 * as the application trusts it: on the servlet transport Spring Boot's
 * {@code server.forward-headers-strategy} has already rewritten the request; on the
 * dedicated port {@code peersocket.server.forward-headers=true} reads {@code Forwarded} /
 * {@code X-Forwarded-For}.
 */
public final class HandshakeInfo {

    /** What a peer without an upgrade request (a client's server peer) reports. */
    public static final HandshakeInfo NONE = new HandshakeInfo(URI.create("/"), new HttpHeaders(), null, "", null);

    private final URI uri;

    private final HttpHeaders headers;

    private final MultiValueMap<String, String> queryParameters;

    private final MultiValueMap<String, String> cookies;

    private final @Nullable InetSocketAddress remoteAddress;

    private final String protocol;

    private final @Nullable Principal principal;

    /**
     * @param uri the request URI, with its (still encoded) query
     * @param headers the request headers; copied
     * @param remoteAddress the client's address, or {@code null} when unknown
     * @param protocol the selected subprotocol, or an empty string
     * @param principal the authenticated user, or {@code null}
     */
    public HandshakeInfo(URI uri, HttpHeaders headers, @Nullable InetSocketAddress remoteAddress, String protocol,
            @Nullable Principal principal) {
        this.uri = uri;
        this.headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
        this.queryParameters = CollectionUtils.unmodifiableMultiValueMap(decodedQuery(uri));
        this.cookies = CollectionUtils.unmodifiableMultiValueMap(cookies(headers.get(HttpHeaders.COOKIE)));
        this.remoteAddress = remoteAddress;
        this.protocol = protocol;
        this.principal = principal;
    }

    /**
     * @return the request URI, its query still encoded as sent
     */
    public URI uri() {
        return this.uri;
    }

    /**
     * @return the request headers, read-only; names are case-insensitive
     */
    public HttpHeaders headers() {
        return this.headers;
    }

    /**
     * @param name a header name, in any case
     * @return its first value, or {@code null} when absent
     */
    public @Nullable String header(String name) {
        return this.headers.getFirst(name);
    }

    /**
     * @return the query parameters, decoded, read-only; a parameter without value has an
     * empty string
     */
    public MultiValueMap<String, String> queryParameters() {
        return this.queryParameters;
    }

    /**
     * @param name a query parameter name (case-sensitive)
     * @return its first value, or {@code null} when absent
     */
    public @Nullable String queryParameter(String name) {
        return this.queryParameters.getFirst(name);
    }

    /**
     * @return the cookies of the {@code Cookie} headers, by name, read-only
     */
    public MultiValueMap<String, String> cookies() {
        return this.cookies;
    }

    /**
     * @param name a cookie name (case-sensitive)
     * @return its first value, or {@code null} when absent
     */
    public @Nullable String cookie(String name) {
        return this.cookies.getFirst(name);
    }

    /**
     * @return the client's address (forwarded, when the application trusts a proxy), or
     * {@code null}
     */
    public @Nullable InetSocketAddress remoteAddress() {
        return this.remoteAddress;
    }

    /**
     * @return the selected subprotocol, or an empty string
     */
    public String protocol() {
        return this.protocol;
    }

    /**
     * @return the user the upgrade request was authenticated as, or {@code null}
     */
    public @Nullable Principal principal() {
        return this.principal;
    }

    // A malformed escape leaves the parameter as sent rather than refusing an upgrade the
    // transport accepted.
    private static MultiValueMap<String, String> decodedQuery(URI uri) {
        MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
        raw.forEach((name, values) -> {
            for (String value : values) {
                decoded.add(decode(name), (value != null) ? decode(value) : "");
            }
        });
        return decoded;
    }

    private static String decode(String text) {
        try {
            return UriUtils.decode(text.replace('+', ' '), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return text;
        }
    }

    // RFC 6265 5.4: "name=value" pairs separated by "; ", in one or (HTTP/2) several
    // headers.
    private static MultiValueMap<String, String> cookies(@Nullable List<String> headers) {
        MultiValueMap<String, String> cookies = new LinkedMultiValueMap<>();
        if (headers == null) {
            return cookies;
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    String name = pair.substring(0, equals).trim();
                    String value = pair.substring(equals + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!name.isEmpty()) {
                        cookies.add(name, value);
                    }
                }
            }
        }
        return cookies;
    }

    @Override
    public String toString() {
        // Never the headers, query or cookies: they may carry credentials.
        return "HandshakeInfo[" + this.uri.getRawPath() + " from " + this.remoteAddress
                + ((this.principal != null) ? " as " + this.principal.getName() : "") + "]";
    }

}
