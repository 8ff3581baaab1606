package io.peersocket.internal.annotation;

import java.util.List;
import java.util.Set;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.WriteMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The checks a {@link HandlerDeclaration} makes of its attributes alone, each failing
 * with the bean, the attribute and the fix, and the defaults it applies.
 */
class HandlerDeclarationTest {

    @Test
    void pathMustStartWithSlash() {
        assertThatIllegalStateException().isThrownBy(() -> plain("game", "chat", List.of(), null, true, Set.of()))
            .withMessage("@PacketHandler bean 'game': path 'chat' must start with '/'");
    }

    @Test
    void relayRejectsNonBlockingBeforeAnythingElse() {
        assertThatIllegalStateException()
            .isThrownBy(
                    () -> new HandlerDeclaration("lobby", "/mp", List.of("a"), WriteMode.TEXT, true, false, Set.of()))
            .withMessageStartingWith("@PacketHandler bean 'lobby' is the multiplayer relay at /mp and says "
                    + "blocking = false, which applies to plain endpoints only");
    }

    @Test
    void relayRejectsSubprotocols() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new HandlerDeclaration("lobby", "/mp", List.of("a", "b"), null, true, true, Set.of()))
            .withMessage("@PacketHandler bean 'lobby' is the multiplayer relay at /mp but names subprotocols [a, b]: "
                    + "the relay protocol selects none (the engine neither asks for nor selects one)");
    }

    @Test
    void relayRejectsTextWriteModeButAcceptsBinary() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new HandlerDeclaration("lobby", "/mp", List.of(), WriteMode.TEXT, true, true, Set.of()))
            .withMessage("@PacketHandler bean 'lobby' is the multiplayer relay at /mp but asks for write mode TEXT: "
                    + "relay messages are binary frames only");
        assertThat(
                new HandlerDeclaration("lobby", "/mp", List.of(), WriteMode.BINARY, true, true, Set.of()).writeMode())
            .isEqualTo(WriteMode.BINARY);
    }

    @Test
    void plainEndpointMayBeNonBlockingWithProtocolsAndTextMode() {
        HandlerDeclaration declaration = plain("chat", "/chat", List.of("v1"), WriteMode.TEXT, false,
                Set.of("ROLE_USER"));
        assertThat(declaration.protocolsOr(List.of("default"))).containsExactly("v1");
        assertThat(declaration.wrapsListener()).isTrue();
    }

    @Test
    void protocolsFallBackToTheDefaultsThenToNone() {
        HandlerDeclaration declaration = plain("chat", "/chat", List.of(), null, true, Set.of());
        assertThat(declaration.protocolsOr(List.of("d1", "d2"))).containsExactly("d1", "d2");
        assertThat(declaration.protocolsOr(List.of())).containsExactly("");
        assertThat(declaration.wrapsListener()).isFalse();
    }

    @Test
    void readsTheAnnotationWithDefaults() {
        HandlerDeclaration declaration = HandlerDeclaration.of("defaults",
                Defaults.class.getAnnotation(PacketHandler.class), "/ws", null);
        assertThat(declaration)
            .isEqualTo(new HandlerDeclaration("defaults", "/ws", List.of(), null, false, true, Set.of()));
        HandlerDeclaration relay = HandlerDeclaration.of("defaults", Defaults.class.getAnnotation(PacketHandler.class),
                "/ws", "/ws");
        assertThat(relay.multiplayer()).isTrue();
    }

    @Test
    void readsEveryAttribute() {
        HandlerDeclaration declaration = HandlerDeclaration.of("full", Full.class.getAnnotation(PacketHandler.class),
                "/ws", null);
        assertThat(declaration).isEqualTo(new HandlerDeclaration("full", "/full", List.of("p1", "p2"), WriteMode.TEXT,
                false, false, Set.of("ROLE_A")));
    }

    @Test
    void relayPathNeedsNoValidAttributes() {
        // A condition asks before the beans exist; a wrong handler fails later, in the
        // scan, with its own message.
        PacketHandler wrong = WrongRelay.class.getAnnotation(PacketHandler.class);
        assertThat(HandlerDeclaration.relayPath(wrong, "/ws", null)).isEqualTo("/mp");
        assertThat(HandlerDeclaration.relayPath(Full.class.getAnnotation(PacketHandler.class), "/ws", null)).isNull();
        assertThatIllegalStateException().isThrownBy(() -> HandlerDeclaration.of("wrong", wrong, "/ws", null))
            .withMessageContaining("names subprotocols [x]");
    }

    private static HandlerDeclaration plain(String bean, String path, List<String> protocols, WriteMode mode,
            boolean blocking, Set<String> authorities) {
        return new HandlerDeclaration(bean, path, protocols, mode, false, blocking, authorities);
    }

    @PacketHandler
    static class Defaults {

    }

    @PacketHandler(path = "/full", protocols = { "p1", "p2" }, writeMode = WriteMode.TEXT, blocking = false,
            authorities = "ROLE_A")
    static class Full {

    }

    @PacketHandler(path = "/mp", multiplayer = true, protocols = "x")
    static class WrongRelay {

    }

}
