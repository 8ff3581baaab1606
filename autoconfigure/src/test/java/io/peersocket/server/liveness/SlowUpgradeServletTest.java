package io.peersocket.server.liveness;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Slowloris on the application's own Tomcat: before the upgrade it is Tomcat's
 * {@code server.tomcat.connection-timeout} (60 s by default; 1 s here) that ends a
 * request which stops coming, not peersocket's handshake timeout (that one is the
 * dedicated port's). See docs/server.md for what it does not cover (a request that
 * trickles).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.connection-timeout=1s")
class SlowUpgradeServletTest {

    @LocalServerPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Test
    void anUpgradeRequestThatStopsIsClosedByTomcatsConnectionTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(20_000); // far above the 1 s timeout, a bound for the
                                         // test only
            socket.getOutputStream()
                .write(("GET /record HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" + "Connection: Upgrade\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            try {
                assertThat(in.read()).as("Tomcat closes without answering").isEqualTo(-1);
            }
            catch (SocketTimeoutException ex) {
                fail("Tomcat kept a stalled upgrade request open for 20 s");
            }
        }
        assertThat(this.server.peers()).isEmpty();
    }

}
