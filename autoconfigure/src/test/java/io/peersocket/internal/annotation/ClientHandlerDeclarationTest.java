package io.peersocket.internal.annotation;

import java.util.List;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.WriteMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The checks a {@link ClientHandlerDeclaration} makes of its attributes alone, each
 * naming the bean, the attribute and the property to set instead.
 */
class ClientHandlerDeclarationTest {

    @Test
    void rejectsAPath() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new ClientHandlerDeclaration("bot", "game", "/ws", List.of(), null, true))
            .withMessage("@PacketHandler bean 'bot' handles client 'game' and must not name a path or protocols: "
                    + "set peersocket.client.connections.game.url and .protocols instead");
    }

    @Test
    void rejectsProtocols() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new ClientHandlerDeclaration("bot", "game", "", List.of("v1"), null, true))
            .withMessageContaining("must not name a path or protocols");
    }

    @Test
    void rejectsNonBlocking() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new ClientHandlerDeclaration("bot", "game", "", List.of(), null, false))
            .withMessage("@PacketHandler bean 'bot' handles client 'game' and says blocking = false, which applies "
                    + "to server endpoints only: a client's signals run on its handler threads "
                    + "(peersocket.client.handler-threads) or in poll()");
    }

    @Test
    void readsTheAnnotation() {
        assertThat(ClientHandlerDeclaration.of("bot", Bot.class.getAnnotation(PacketHandler.class)))
            .isEqualTo(new ClientHandlerDeclaration("bot", "game", "", List.of(), WriteMode.TEXT, true));
        assertThatIllegalStateException()
            .isThrownBy(() -> ClientHandlerDeclaration.of("wrong", Wrong.class.getAnnotation(PacketHandler.class)))
            .withMessageStartingWith("@PacketHandler bean 'wrong' handles client 'game' and must not name a path");
    }

    @PacketHandler(client = "game", writeMode = WriteMode.TEXT)
    static class Bot {

    }

    @PacketHandler(client = "game", path = "/ws")
    static class Wrong {

    }

}
