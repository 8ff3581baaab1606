package io.peersocket.sample.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The sample's secure setup, the one a Spring application would have anyway:
 * <ul>
 * <li>the web port (8080): the chat page behind a form login (CSRF on), the actuator
 * behind HTTP Basic with the role ACTUATOR except {@code /actuator/health}, which load
 * balancers poll, and {@code POST /token}, which gives a logged-in user a WebSocket
 * token;</li>
 * <li>the WebSocket port (9080): peersocket checks that token with the {@link JwtDecoder}
 * bean below (no servlet filter runs there). application.yml says which paths need it:
 * {@code /chat} and the relay {@code /mp} need {@code SCOPE_player}; the seed's demos
 * {@code /} and {@code /echo} stay open, as the engine's examples that libwebsockets and
 * Godot clients run unchanged.</li>
 * </ul>
 * Two in-memory users, their passwords from {@link SampleSecurityProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleSecurityProperties.class)
public class SampleSecurityConfiguration {

    private static final Log logger = LogFactory.getLog(SampleSecurityConfiguration.class);

    @Bean
    SampleTokens sampleTokens(SampleSecurityProperties properties) {
        return new SampleTokens(properties.getTokenLifetime());
    }

    /**
     * The WebSocket port's authentication: peersocket uses a JwtDecoder bean for bearer
     * tokens.
     */
    @Bean
    JwtDecoder sampleJwtDecoder(SampleTokens tokens) {
        return tokens.decoder();
    }

    /**
     * The web port's own security; absent when the sample runs without a web server
     * (seed-client).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        /**
         * The actuator and the token endpoint: HTTP Basic for scripts, or the page's
         * session.
         */
        @Bean
        @Order(1)
        SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
            PathPatternRequestMatcher token = PathPatternRequestMatcher.withDefaults().matcher("/token");
            return http.securityMatcher(new OrRequestMatcher(EndpointRequest.toAnyEndpoint(), token))
                .authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
                    .permitAll()
                    .requestMatchers(token)
                    .authenticated()
                    .anyRequest()
                    .hasRole("ACTUATOR"))
                .httpBasic(Customizer.withDefaults())
                // Issuing a token changes nothing on the server and a page of another
                // site cannot
                // read the answer (no CORS), so a forged POST /token gains nothing;
                // exempting it
                // lets native clients fetch one with HTTP Basic. CSRF stays on for the
                // rest.
                .csrf((csrf) -> csrf.ignoringRequestMatchers(token))
                .build();
        }

        /** The chat page and everything else: a form login. */
        @Bean
        @Order(2)
        SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
            // /error is open: a refusal (401, 403) is rendered there, and a login
            // redirect in its
            // place would turn every refusal into a 302.
            return http
                .authorizeHttpRequests(
                        (requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .build();
        }

    }

    @Bean
    UserDetailsService sampleUsers(SampleSecurityProperties properties) {
        if (SampleSecurityProperties.DEV_PLAYER_PASSWORD.equals(properties.getPlayerPassword())
                || SampleSecurityProperties.DEV_OPERATOR_PASSWORD.equals(properties.getOperatorPassword())) {
            // The defaults are in the README anyway; saying so here keeps them from going
            // unnoticed.
            logger.warn("Sample users with development passwords: 'player' / '"
                    + SampleSecurityProperties.DEV_PLAYER_PASSWORD + "' and 'operator' / '"
                    + SampleSecurityProperties.DEV_OPERATOR_PASSWORD
                    + "' (set sample.security.player-password and sample.security.operator-password)");
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("player")
                    .password(encoder.encode(properties.getPlayerPassword()))
                    .roles("PLAYER")
                    .build(),
                User.withUsername("operator")
                    .password(encoder.encode(properties.getOperatorPassword()))
                    .roles("ACTUATOR")
                    .build());
    }

}
