package io.peersocket.sample.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Issues the sample's WebSocket tokens: JWTs signed with an RSA key made at startup, so
 * there is no secret to configure and a token is good only for the run that issued it (a
 * real deployment takes tokens from its identity provider and configures
 * {@code spring.security.oauth2.resourceserver.jwt.*} instead). The user's roles become
 * scopes: ROLE_PLAYER is {@code scope=player}, which Spring Security reads back as
 * {@code SCOPE_player}, the authority {@code /chat} and {@code /mp} ask for in
 * application.yml.
 */
public final class SampleTokens {

    static final String ISSUER = "peersocket-sample";

    private final KeyPair keys = rsaKeys();

    private final JwtEncoder encoder;

    private final JwtDecoder decoder;

    private final Duration lifetime;

    /**
     * @param lifetime how long each token is valid
     */
    public SampleTokens(Duration lifetime) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) this.keys.getPublic())
            .privateKey((RSAPrivateKey) this.keys.getPrivate())
            .build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.keys.getPublic()).build();
        this.lifetime = lifetime;
    }

    /**
     * @param user the authenticated user (a form login's session or HTTP Basic)
     * @return a signed token naming the user, with the user's roles as scopes
     */
    public String issue(Authentication user) {
        return issue(user.getName(),
                user.getAuthorities()
                    .stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter((authority) -> authority.startsWith("ROLE_"))
                    .map((role) -> role.substring("ROLE_".length()).toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(" ")),
                this.lifetime);
    }

    /**
     * @param subject the user's name
     * @param scope the space-separated scopes
     * @param lifetime how long the token is valid
     * @return a signed token
     */
    public String issue(String subject, String scope, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(subject)
            .issuedAt(now)
            .expiresAt(now.plus(lifetime))
            .claim("scope", scope)
            .build();
        return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
            .getTokenValue();
    }

    /**
     * @return the decoder of these tokens: the WebSocket port checks them with it
     */
    public JwtDecoder decoder() {
        return this.decoder;
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
