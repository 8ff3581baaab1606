package io.peersocket.sample.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's users and tokens. The passwords have development defaults so that the
 * sample starts with one command; the startup log says when they are in use. Set them
 * (for example {@code SAMPLE_SECURITY_PLAYER_PASSWORD}) anywhere but on a developer's
 * machine.
 */
@ConfigurationProperties("sample.security")
public class SampleSecurityProperties {

    /** The development default of {@link #getPlayerPassword()}. */
    static final String DEV_PLAYER_PASSWORD = "player-dev";

    /** The development default of {@link #getOperatorPassword()}. */
    static final String DEV_OPERATOR_PASSWORD = "operator-dev";

    /**
     * Password of the user 'player' (role PLAYER): the chat page and tokens for /chat and
     * /mp.
     */
    private String playerPassword = DEV_PLAYER_PASSWORD;

    /**
     * Password of the user 'operator' (role ACTUATOR): the actuator endpoints beyond
     * health.
     */
    private String operatorPassword = DEV_OPERATOR_PASSWORD;

    /**
     * How long a token from POST /token is valid. The WebSocket server closes a peer with
     * 1008 when its token expires; the chat page then fetches a new one and reconnects.
     */
    private Duration tokenLifetime = Duration.ofHours(1);

    public String getPlayerPassword() {
        return this.playerPassword;
    }

    public void setPlayerPassword(String playerPassword) {
        this.playerPassword = playerPassword;
    }

    public String getOperatorPassword() {
        return this.operatorPassword;
    }

    public void setOperatorPassword(String operatorPassword) {
        this.operatorPassword = operatorPassword;
    }

    public Duration getTokenLifetime() {
        return this.tokenLifetime;
    }

    public void setTokenLifetime(Duration tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
    }

}
