package io.peersocket.testkit;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.peersocket.annotation.ClientCloseRequest;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application as a user writes one: an echo endpoint and a JSON endpoint with a
 * subprotocol.
 */
@SpringBootApplication
class TestkitApplication {

    /** The close requests the echo handler received, as "code reason". */
    @Bean
    BlockingQueue<String> closeRequests() {
        return new LinkedBlockingQueue<>();
    }

    /**
     * Echoes every packet in its own frame type; "kick" makes the server close the
     * connection.
     */
    @PacketHandler(path = "/echo")
    static class EchoHandler {

        private final BlockingQueue<String> closeRequests;

        EchoHandler(BlockingQueue<String> closeRequests) {
            this.closeRequests = closeRequests;
        }

        @DataReceived
        @Nullable Packet echo(Peer peer, Packet packet) {
            if (packet.string() && packet.text().equals("kick")) {
                peer.close(4001, "asked to leave");
                return null;
            }
            return packet;
        }

        @ClientCloseRequest
        void closing(int code, String reason) {
            this.closeRequests.add(code + " " + reason);
        }

    }

    record Move(int x, int y) {
    }

    record Board(List<Move> moves) {
    }

    /** JSON in and out, under a subprotocol: a client that offers none is refused. */
    @PacketHandler(path = "/game", protocols = "game-v1")
    static class GameHandler {

        @DataReceived
        Board move(Move move) {
            return new Board(List.of(move, new Move(move.y(), move.x())));
        }

    }

}
