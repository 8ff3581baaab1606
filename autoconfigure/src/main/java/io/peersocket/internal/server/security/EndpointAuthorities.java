package io.peersocket.internal.server.security;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.peersocket.spi.UpgradeAuthenticator;
import org.jspecify.annotations.Nullable;

/**
 * Authorities that endpoints need by configuration
 * ({@code peersocket.server.auth.authorities}), beside those a handler declares with
 * {@code @PacketHandler(authorities)}. A path's list applies to every client of the path,
 * whatever its subprotocol, and to the endpoints no annotation describes: a multiplayer
 * relay included. When both a path and its handler name authorities, a client needs one
 * of each.
 */
public final class EndpointAuthorities {

    /** No endpoint needs authorities by configuration. */
    public static final EndpointAuthorities NONE = new EndpointAuthorities(Map.of());

    private final Map<String, Set<String>> byPath;

    /**
     * @param byPath the authorities, any one of which suffices, per endpoint path
     */
    public EndpointAuthorities(Map<String, ? extends List<String>> byPath) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        byPath.forEach((path, authorities) -> {
            if (!authorities.isEmpty()) {
                copy.put(path, Set.copyOf(authorities));
            }
        });
        this.byPath = Map.copyOf(copy);
    }

    /**
     * @return the paths that need authorities by configuration
     */
    public Set<String> paths() {
        return this.byPath.keySet();
    }

    /**
     * @param principal the authenticated user, or {@code null}
     * @param handlerAuthorities the authorities the handler of the selected subprotocol
     * declares
     * @param path the endpoint's path
     * @return {@code null} when the upgrade may proceed, else the refusal (401 or 403)
     */
    public UpgradeAuthenticator.@Nullable Refused check(@Nullable Principal principal, Set<String> handlerAuthorities,
            String path) {
        UpgradeAuthenticator.Refused denied = Authorities.check(principal, handlerAuthorities, path);
        return (denied != null) ? denied : Authorities.check(principal, this.byPath.getOrDefault(path, Set.of()), path);
    }

}
