package io.peersocket.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.sample.security.SampleTokens;
import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Godot 3.2.3 headless players run the sample's {@code godot/lobby_client.gd} against
 * the lobby that the Spring application serves on the {@code /mp} relay through Godot's
 * high-level multiplayer: each registers with {@code rpc_id(1, "register", name)} and is
 * welcomed with the players so far; the second one's {@code move} reaches the first as
 * {@code moved(id, position)}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "server.port=0", "peersocket.server.port=0" })
class GodotLobbyIT {

    private static final Duration GODOT_RUN = Duration.ofSeconds(60);

    private static Path godot;

    @LocalPeerSocketPort
    private int port;

    @Autowired
    private MultiplayerApi multiplayer;

    @Autowired
    private SampleTokens tokens;

    @TempDir
    private Path directory;

    @BeforeAll
    static void requireGodot() {
        godot = ExternalPeer.require(ExternalPeer.GODOT, "godot3-server");
    }

    @Test
    void playersRegisterAreWelcomedAndSeeEachOthersMoves() throws Exception {
        String url = "ws://127.0.0.1:" + this.port + "/mp";
        try (ExternalPeer ann = lobbyClient("ann", Map.of("LOBBY_URL", url, "LOBBY_NAME", "ann", "LOBBY_MOVES", "1"))) {
            ann.awaitLine((line) -> line.startsWith("LOBBY ann welcome"), GODOT_RUN, "ann's welcome");
            try (ExternalPeer bob = lobbyClient("bob",
                    Map.of("LOBBY_URL", url, "LOBBY_NAME", "bob", "LOBBY_X", "3", "LOBBY_Y", "4"))) {
                bob.await(GODOT_RUN);
                ann.await(GODOT_RUN);
                String bobId = bob.printed().get(0).substring("LOBBY bob id ".length());
                assertThat(ann.printed()).containsExactly("LOBBY ann id " + idOf(ann.printed()),
                        "LOBBY ann welcome True players ann", "LOBBY ann moved " + bobId + " (3, 4)", "LOBBY ann bye");
                assertThat(bob.printed()).containsExactly("LOBBY bob id " + bobId,
                        "LOBBY bob welcome True players ann,bob", "LOBBY bob bye");
            }
        }
        assertThat(this.multiplayer.getDroppedCounts()).isEmpty();
    }

    private static String idOf(List<String> printed) {
        return printed.get(0).substring(printed.get(0).lastIndexOf(' ') + 1);
    }

    // The script a reader runs from sample-app/godot, copied into a fresh directory
    // (Godot's res:// and HOME).
    private ExternalPeer lobbyClient(String name, Map<String, String> environment) throws Exception {
        Path dir = Files.createDirectory(this.directory.resolve(name));
        Files.copy(Path.of("godot", "lobby_client.gd"), dir.resolve("lobby_client.gd"));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("HOME", dir.toString());
        env.put("LOBBY_TIMEOUT", "70");
        // A player that leaves right after its move lingers long enough for a busy server
        // to read
        // the move before the socket closes (Godot 3.2.3 drops the stream at once, and
        // unread data
        // is lost with the reset).
        env.put("LOBBY_LINGER", "3");
        // The sample's /mp needs a player's token (application.yml), sent as a header.
        env.put("LOBBY_TOKEN", this.tokens.issue("player", "player", Duration.ofMinutes(10)));
        return ExternalPeer.start(List.of(godot.toString(), "-s", "lobby_client.gd"), env, dir);
    }

}
