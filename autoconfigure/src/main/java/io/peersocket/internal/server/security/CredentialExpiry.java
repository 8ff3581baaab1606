package io.peersocket.internal.server.security;

import java.security.Principal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * When a client's credentials stop being valid, read from the principal of its upgrade:
 * the {@code exp} of an OAuth2 token (a JWT checked by Spring Security's resource server,
 * on any transport). A token is checked once, at the upgrade, so the transports close the
 * peer with 1008 at that instant rather than let it outlive its credentials.
 */
public final class CredentialExpiry {

    /** The close reason sent to a peer whose credentials expired. */
    public static final String REASON = "credentials expired";

    private static final boolean OAUTH2_TOKENS = ClassUtils.isPresent(
            "org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
            CredentialExpiry.class.getClassLoader());

    private CredentialExpiry() {
    }

    /**
     * @param principal the principal of the upgrade, or {@code null}
     * @return when its credentials expire, {@code null} for never (no token, HTTP Basic,
     * a token without {@code exp})
     */
    public static @Nullable Instant of(@Nullable Principal principal) {
        return (OAUTH2_TOKENS && principal != null) ? OAuth2Expiry.of(principal) : null;
    }

    /**
     * Kept apart so that this class loads without the OAuth2 resource server on the
     * classpath.
     */
    private static final class OAuth2Expiry {

        static @Nullable Instant of(Principal principal) {
            if (principal instanceof org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken<?> token) {
                return token.getToken().getExpiresAt();
            }
            return null;
        }

    }

}
