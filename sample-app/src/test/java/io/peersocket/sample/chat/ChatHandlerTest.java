package io.peersocket.sample.chat;

import java.time.Duration;
import java.util.Map;

import io.peersocket.sample.SampleApplication;
import io.peersocket.sample.security.SampleTokens;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.testkit.HandshakeRefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chat protocol of {@link ChatHandler} on the sample's real configuration
 * (application.yml), spoken by the JDK's WebSocket client: relay with the sender's name,
 * joins and leaves, and a visible error for every refusal.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
class ChatHandlerTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    SampleTokens tokens;

    /**
     * The chat needs a player's token (application.yml); the page gets one from POST
     * /token.
     */
    String token;

    @BeforeEach
    void playerToken() {
        this.token = this.tokens.issue("player", "player", Duration.ofMinutes(10));
    }

    @Test
    void withoutAPlayersTokenTheChatRefusesTheUpgrade() {
        assertThatThrownBy(() -> ChatClient.connect(this.port, null)).isInstanceOfSatisfying(
                HandshakeRefusedException.class, (refused) -> assertThat(refused.status()).isEqualTo(401));
        String forged = this.token.substring(0, this.token.length() - 4) + "AAAA";
        assertThatThrownBy(() -> ChatClient.connect(this.port, forged)).isInstanceOfSatisfying(
                HandshakeRefusedException.class, (refused) -> assertThat(refused.status()).isEqualTo(401));
        // The operator's token is genuine but has no 'player' scope.
        String operator = this.tokens.issue("operator", "actuator", Duration.ofMinutes(10));
        assertThatThrownBy(() -> ChatClient.connect(this.port, operator)).isInstanceOfSatisfying(
                HandshakeRefusedException.class, (refused) -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void aNewConnectionLearnsTheLimits() {
        try (ChatClient client = ChatClient.connect(this.port, this.token)) {
            JsonNode hello = client.expect("hello");
            assertThat(hello.path("maxName").asInt()).isEqualTo(ChatHandler.MAX_NAME);
            assertThat(hello.path("maxText").asInt()).isEqualTo(ChatHandler.MAX_TEXT);
        }
    }

    @Test
    void everyMessageGoesToEveryMemberWithTheSendersName() {
        try (ChatClient ada = ChatClient.join(this.port, this.token, "Ada");
                ChatClient grace = ChatClient.join(this.port, this.token, "Grace")) {
            assertThat(ada.expect("joined").path("name").asString()).isEqualTo("Grace");
            grace.send(Map.of("type", "say", "text", "  Hello, Ada  "));
            for (ChatClient member : new ChatClient[] { ada, grace }) {
                JsonNode message = member.expect("message");
                assertThat(message.path("name").asString()).isEqualTo("Grace");
                assertThat(message.path("text").asString()).isEqualTo("Hello, Ada");
            }
        }
    }

    @Test
    void joinsAndLeavesAreAnnouncedAndTheWelcomeListsTheMembers() {
        try (ChatClient ada = ChatClient.join(this.port, this.token, "Ada")) {
            ChatClient linus = ChatClient.connect(this.port, this.token);
            linus.expect("hello");
            linus.send(Map.of("type", "join", "name", "Linus"));
            JsonNode welcome = linus.expect("welcome");
            assertThat(welcome.path("name").asString()).isEqualTo("Linus");
            assertThat(welcome.path("users").values()).extracting(JsonNode::asString).contains("Ada", "Linus");
            assertThat(ada.expect("joined").path("name").asString()).isEqualTo("Linus");
            linus.close();
            assertThat(ada.expect("left").path("name").asString()).isEqualTo("Linus");
        }
    }

    @Test
    void aDroppedConnectionIsAnnouncedAsALeave() {
        try (ChatClient ada = ChatClient.join(this.port, this.token, "Ada")) {
            ChatClient ken = ChatClient.join(this.port, this.token, "Ken");
            ada.expect("joined");
            ken.abortNow();
            assertThat(ada.expect("left").path("name").asString()).isEqualTo("Ken");
        }
    }

    @Test
    void anEmptyNameIsRefusedWithAnErrorAndTheClientMayTryAgain() {
        try (ChatClient client = ChatClient.connect(this.port, this.token)) {
            client.expect("hello");
            client.send(Map.of("type", "join", "name", "   "));
            assertThat(client.expect("error").path("error").asString()).contains("may not be empty");
            client.send(Map.of("type", "join"));
            assertThat(client.expect("error").path("error").asString()).contains("may not be empty");
            client.send(Map.of("type", "join", "name", "x".repeat(ChatHandler.MAX_NAME + 1)));
            assertThat(client.expect("error").path("error").asString()).contains("limit is " + ChatHandler.MAX_NAME);
            client.send(Map.of("type", "join", "name", "Barbara"));
            assertThat(client.expect("welcome").path("name").asString()).isEqualTo("Barbara");
        }
    }

    @Test
    void anOverLongMessageIsRefusedWithAnErrorAndReachesNobody() {
        try (ChatClient ada = ChatClient.join(this.port, this.token, "Ada");
                ChatClient grace = ChatClient.join(this.port, this.token, "Grace")) {
            ada.expect("joined");
            String tooLong = "é".repeat(ChatHandler.MAX_TEXT + 1); // characters, not
                                                                   // bytes, are counted
            grace.send(Map.of("type", "say", "text", tooLong));
            JsonNode error = grace.expect("error");
            assertThat(error.path("error").asString()).contains((ChatHandler.MAX_TEXT + 1) + " characters")
                .contains("limit is " + ChatHandler.MAX_TEXT);
            grace.send(Map.of("type", "say", "text", "é".repeat(ChatHandler.MAX_TEXT)));
            // The next thing Ada hears is the message at the limit: the refused one was
            // never relayed.
            assertThat(ada.expect("message").path("text").asString()).hasSize(ChatHandler.MAX_TEXT);
            assertThat(grace.expect("message").path("text").asString()).hasSize(ChatHandler.MAX_TEXT);
        }
    }

    @Test
    void whatIsNotAChatCommandIsAnsweredWithAnError() {
        try (ChatClient client = ChatClient.connect(this.port, this.token)) {
            client.expect("hello");
            client.send(Map.of("type", "say", "text", "hi"));
            assertThat(client.expect("error").path("error").asString()).contains("Join with a name");
            client.sendRaw("not json");
            assertThat(client.expect("error").path("error").asString()).contains("not a chat command");
            client.send(Map.of("type", "shout"));
            assertThat(client.expect("error").path("error").asString()).contains("Unknown command");
            client.send(Map.of("text", "no type"));
            assertThat(client.expect("error").path("error").asString()).contains("needs a \"type\"");
            client.send(Map.of("type", "join", "name", "Ada"));
            client.expect("welcome");
            client.send(Map.of("type", "say", "text", " "));
            assertThat(client.expect("error").path("error").asString()).contains("empty");
        }
    }

    @Test
    void thePageOnTheWebPortMayOpenTheSocketAndOtherOriginsMayNot() {
        try (ChatClient client = ChatClient.connect(this.port, this.token, "Origin", "http://localhost:8080")) {
            client.expect("hello");
        }
        try (ChatClient client = ChatClient.connect(this.port, this.token, "Origin", "http://127.0.0.1:8080")) {
            client.expect("hello");
        }
        assertThatThrownBy(() -> ChatClient.connect(this.port, this.token, "Origin", "http://evil.example"))
            .isInstanceOfSatisfying(HandshakeRefusedException.class,
                    (refused) -> assertThat(refused.status()).isEqualTo(403));
    }

}
