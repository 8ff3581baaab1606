package io.peersocket.client;

import java.time.Duration;

import io.peersocket.peer.PeerError;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handshake the server refuses is one log line on the client, without a stack trace.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "peersocket.server.port=0")
@ExtendWith(OutputCaptureExtension.class)
class ClientRefusedLogTest {

    @Autowired
    ObjectProvider<PeerSocketClientBuilder> builders;

    @LocalPeerSocketPort
    int port;

    @Test
    void aRefusedHandshakeLogsOneLine(CapturedOutput output) throws Exception {
        RecordingListener events = new RecordingListener();
        PeerSocketClient client = this.builders.getObject().name("refused").listener(events).build();
        try {
            int before = output.getAll().length();
            assertThat(client.connectToUrl("ws://127.0.0.1:" + this.port + "/no-such-endpoint"))
                .isEqualTo(PeerError.OK);
            events.awaitEvent((e) -> e.startsWith("error"));
            // Wait for the client's own line, then check that it is the only one.
            org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> output.getAll().substring(before).contains("could not connect"));
            String logged = output.getAll().substring(before);
            assertThat(logged.lines().filter((line) -> !line.isBlank())).singleElement()
                .satisfies((line) -> assertThat(line)
                    .contains("Client 'refused' could not connect to ws://127.0.0.1:" + this.port + "/no-such-endpoint")
                    .contains("404"));
        }
        finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

}
