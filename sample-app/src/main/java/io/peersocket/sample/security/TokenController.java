package io.peersocket.sample.security;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /token}: a WebSocket token for the logged-in user, as plain text. The chat
 * page calls it with its session before each connection; a Godot client's developer calls
 * it with HTTP Basic
 * ({@code curl -u player:player-dev -X POST http://localhost:8080/token}).
 */
@RestController
class TokenController {

    private final SampleTokens tokens;

    TokenController(SampleTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/token", produces = MediaType.TEXT_PLAIN_VALUE)
    String token(Authentication user) {
        return this.tokens.issue(user);
    }

}
