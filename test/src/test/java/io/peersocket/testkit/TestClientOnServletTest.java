package io.peersocket.testkit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test client against the servlet transport: the endpoints on the application's own
 * Tomcat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestClientOnServletTest extends TransportContract {

    @LocalServerPort
    int port;

    @Test
    void theUrlNamesTheWebServersPort() {
        assertThat(this.url).isEqualTo("ws://127.0.0.1:" + this.port);
    }

}
