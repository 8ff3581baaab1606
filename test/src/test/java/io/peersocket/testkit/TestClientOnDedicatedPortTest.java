package io.peersocket.testkit;

import io.peersocket.server.LocalPeerSocketPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test client against the dedicated port (Reactor Netty), with no web server at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "peersocket.server.port=0")
class TestClientOnDedicatedPortTest extends TransportContract {

    @LocalPeerSocketPort
    int port;

    @Test
    void theUrlNamesTheDedicatedPort() {
        assertThat(this.url).isEqualTo("ws://127.0.0.1:" + this.port);
    }

}
