package io.peersocket.sample.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.peer.Packet;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.testkit.HandshakeRefusedException;
import io.peersocket.testkit.PeerSocketTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sample's secure setup as its users meet it, on its real configuration: the actuator
 * refuses anonymous callers beyond health, a user gets a WebSocket token from
 * {@code POST /token} with HTTP Basic (as the README tells a Godot developer to), and the
 * WebSocket port lets that token into the chat and the relay while refusing a client
 * without one; the seed's demos stay open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "server.port=0", "peersocket.server.port=0" })
class SampleSecurityTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int webPort;

    @LocalPeerSocketPort
    int socketPort;

    @Test
    void theActuatorIsClosedToAnonymousCallersExceptHealth() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/peersocket", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
        assertThat(anonymous.body()).doesNotContain("count");
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/peersocket", basic("operator", "wrong")).statusCode()).isEqualTo(401);
        // A player is somebody, but not an operator.
        assertThat(get("/actuator/peersocket", basic("player", "player-dev")).statusCode()).isEqualTo(403);
        HttpResponse<String> operator = get("/actuator/peersocket", basic("operator", "operator-dev"));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("\"count\"");
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theChatPageNeedsALoginAndTheLoginFormNeedsItsCsrfToken() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
            .hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
        // A login POST without the form's CSRF token (a forged cross-site login) is
        // refused.
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(web("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=player&password=player-dev"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenFromPostTokenOpensTheRelayAndTheChatAndNoTokenDoesNot() throws Exception {
        assertThat(postToken(null).statusCode()).isEqualTo(401);
        HttpResponse<String> issued = postToken(basic("player", "player-dev"));
        assertThat(issued.statusCode()).isEqualTo(200);
        String token = issued.body();

        for (String path : new String[] { "/mp", "/chat" }) {
            assertThatThrownBy(() -> PeerSocketTestClient.connect(socket(path))).as(path + " without a token")
                .isInstanceOfSatisfying(HandshakeRefusedException.class,
                        (refused) -> assertThat(refused.status()).isEqualTo(401));
        }
        try (PeerSocketTestClient relay = PeerSocketTestClient.builder()
            .header("Authorization", "Bearer " + token)
            .connect(socket("/mp"))) {
            Packet first = relay.awaitPacket();
            assertThat(RelayFrame.decode(first.data()).type()).isEqualTo(RelayFrame.SYS_ID);
        }
        // Browsers send it in the query (peersocket.server.auth.query-parameter in
        // application.yml).
        try (PeerSocketTestClient chat = PeerSocketTestClient.connect(socket("/chat?access_token=" + token))) {
            assertThat(chat.awaitPacket().text()).contains("\"hello\"");
        }
        // The operator's token is genuine, but the relay and the chat are for players.
        String operatorToken = postToken(basic("operator", "operator-dev")).body();
        assertThatThrownBy(() -> PeerSocketTestClient.builder()
            .header("Authorization", "Bearer " + operatorToken)
            .connect(socket("/mp"))).isInstanceOfSatisfying(HandshakeRefusedException.class,
                    (refused) -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void theSeedsDemosStayOpenWithoutAToken() {
        try (PeerSocketTestClient echo = PeerSocketTestClient.connect(socket("/echo"))) {
            echo.send("hello");
            assertThat(echo.awaitPacket().text()).isEqualTo("hello");
        }
    }

    private HttpResponse<String> postToken(@Nullable String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(web("/token")).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, @Nullable String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(web(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI web(String path) {
        return URI.create("http://127.0.0.1:" + this.webPort + path);
    }

    private URI socket(String path) {
        return URI.create("ws://127.0.0.1:" + this.socketPort + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

}
