package io.peersocket.autoconfigure;

import io.peersocket.diagnostics.PeerSocketConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties naming endpoint paths fail the startup, naming the property, when a path is
 * no endpoint: a misspelt or unbracketed key would otherwise leave the endpoint it meant
 * unguarded.
 */
class EndpointPathPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class))
        .withUserConfiguration(MisconfigurationTest.ChatV1AndV2.class)
        .withPropertyValues("peersocket.server.port=0");

    @Test
    void authoritiesForAPathThatIsNoEndpointNameTheProperty() {
        this.runner.withPropertyValues("peersocket.server.auth.authorities[/gmae]=ROLE_PLAYER").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(PeerSocketConfigurationException.class)
                .hasMessageContaining("peersocket.server.auth.authorities names [/gmae]")
                .hasMessageContaining("the endpoints are [/game]");
        });
    }

    @Test
    void aKeyWithoutBracketsLosesItsSlashAndIsRefused() {
        // Boot drops the '/' of a map key outside brackets: 'game' then matches no
        // endpoint.
        this.runner.withPropertyValues("peersocket.server.auth.authorities./game=ROLE_PLAYER").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("peersocket.server.auth.authorities names [");
        });
    }

    @Test
    void anonymousPathsThatAreNoEndpointNameTheProperty() {
        this.runner.withConfiguration(AutoConfigurations.of(PeerSocketSecurityAutoConfiguration.class))
            .withBean(JwtDecoder.class, () -> (token) -> {
                throw new BadJwtException("not used");
            })
            .withPropertyValues("peersocket.server.auth.anonymous-paths=/game,/echo")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("peersocket.server.auth.anonymous-paths names [/echo]");
            });
    }

    @Test
    void withoutAnAuthenticatorAnonymousPathsHaveNoEffectAndAreNotChecked() {
        // Every path is anonymous then: an application sharing a configuration file
        // starts.
        this.runner.withPropertyValues("peersocket.server.auth.anonymous-paths=/elsewhere")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void pathsThatAreEndpointsStart() {
        this.runner
            .withPropertyValues("peersocket.server.auth.authorities[/game]=ROLE_PLAYER",
                    "peersocket.server.auth.anonymous-paths=/game")
            .run((context) -> assertThat(context).hasNotFailed());
    }

}
