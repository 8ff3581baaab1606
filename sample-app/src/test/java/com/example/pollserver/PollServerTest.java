package com.example.pollserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's minimal server in poll mode, as docs/api-mapping.md shows it: a packet is
 * echoed in the engine's default write mode (binary) once the game loop has polled.
 */
@SpringBootTest(properties = { "peersocket.server.port=0", "peersocket.server.dispatch=poll" })
class PollServerTest {

    @LocalPeerSocketPort
    int port;

    @Test
    void echoesEveryPacketFromTheGameLoop() throws Exception {
        BlockingQueue<String> binary = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + this.port + "/"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                    binary.add(StandardCharsets.UTF_8.decode(data).toString());
                    webSocket.request(1);
                    return null;
                }
            })
            .get(10, TimeUnit.SECONDS);
        socket.sendText("Test packet", true).get(5, TimeUnit.SECONDS);
        assertThat(binary.poll(5, TimeUnit.SECONDS)).isEqualTo("Test packet");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

}
