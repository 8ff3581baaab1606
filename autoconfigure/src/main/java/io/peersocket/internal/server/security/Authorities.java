package io.peersocket.internal.server.security;

import java.security.Principal;
import java.util.Set;

import io.peersocket.spi.UpgradeAuthenticator;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;

/**
 * The check of {@code @PacketHandler(authorities)} before the upgrade, the same on both
 * transports: no principal is 401 ({@code unauthenticated}), a principal with none of the
 * authorities 403 ({@code forbidden}). Only a Spring Security {@code Authentication}
 * carries authorities; without Spring Security any requirement refuses everyone, rather
 * than let them in.
 */
public final class Authorities {

    private static final boolean SPRING_SECURITY = ClassUtils
        .isPresent("org.springframework.security.core.Authentication", Authorities.class.getClassLoader());

    private Authorities() {
    }

    /**
     * @param principal the authenticated user, or {@code null}
     * @param required the authorities, any one of which suffices; empty for none
     * @param path the endpoint, for the log line
     * @return {@code null} when the upgrade may proceed, else the refusal
     */
    public static UpgradeAuthenticator.@Nullable Refused check(@Nullable Principal principal, Set<String> required,
            String path) {
        if (required.isEmpty()) {
            return null;
        }
        if (principal == null) {
            return new UpgradeAuthenticator.Refused(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    path + " requires authentication");
        }
        if (SPRING_SECURITY && SpringAuthorities.grantsAny(principal, required)) {
            return null;
        }
        return new UpgradeAuthenticator.Refused(HttpStatus.FORBIDDEN, "forbidden",
                "'" + principal.getName() + "' has none of " + required + " that " + path + " requires");
    }

    /** Kept apart so that this class loads without Spring Security. */
    private static final class SpringAuthorities {

        static boolean grantsAny(Principal principal, Set<String> required) {
            if (principal instanceof org.springframework.security.core.Authentication authentication) {
                return authentication.getAuthorities()
                    .stream()
                    .anyMatch((granted) -> required.contains(granted.getAuthority()));
            }
            return false;
        }

    }

}
