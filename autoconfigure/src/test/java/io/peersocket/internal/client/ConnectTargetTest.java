package io.peersocket.internal.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code connectToUrl} accepts, checked by {@link ConnectTarget} alone. */
class ConnectTargetTest {

    @Test
    void anEmptyPathBecomesTheRootAndTheQueryIsKept() {
        assertThat(ConnectTarget.normalize("ws://example.org")).isEqualTo(URI.create("ws://example.org/"));
        assertThat(ConnectTarget.normalize(" wss://example.org:8443?room=a "))
            .isEqualTo(URI.create("wss://example.org:8443/?room=a"));
        assertThat(ConnectTarget.normalize("ws://example.org/chat")).isEqualTo(URI.create("ws://example.org/chat"));
    }

    @Test
    void subprotocolNamesMustBeTokens() {
        assertThat(ConnectTarget.invalidProtocol(List.of("chat-v1", "godot.mp"))).isNull();
        assertThat(ConnectTarget.invalidProtocol(List.of("chat-v1", "two words"))).isEqualTo("two words");
        assertThat(ConnectTarget.invalidProtocol(List.of(""))).isEqualTo("");
        assertThat(ConnectTarget.invalidProtocol(List.of("a,b"))).isEqualTo("a,b");
    }

    @Test
    void headerLinesAreNameColonValue() {
        List<String> invalid = new ArrayList<>();
        assertThat(ConnectTarget.headerLines(List.of("X-Room: blue", "Authorization:Bearer t"), invalid::add))
            .isEqualTo(Map.of("X-Room", "blue", "Authorization", "Bearer t"));
        assertThat(invalid).isEmpty();
        assertThat(ConnectTarget.headerLines(List.of("X-Room: blue", "no colon"), invalid::add)).isNull();
        assertThat(ConnectTarget.headerLines(List.of(": empty name"), invalid::add)).isNull();
        assertThat(invalid).containsExactly("no colon", ": empty name");
    }

    @Test
    void wssIsSecure() {
        assertThat(new ConnectTarget(URI.create("WSS://example.org/"), List.of(), Map.of(), false).secure()).isTrue();
        assertThat(new ConnectTarget(URI.create("ws://example.org/"), List.of(), Map.of(), false).secure()).isFalse();
    }

}
