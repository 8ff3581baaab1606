package io.peersocket.server;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The slow-reader policy on the application's Tomcat; the send-time limit is set far off
 * so that it is the slow-reader timeout that drops the peer.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "peersocket.server.limits.slow-reader-timeout=" + SlowReaderTests.TIMEOUT,
                "peersocket.server.send-time-limit=60s" })
class SlowReaderServletTest extends SlowReaderTests {

    @LocalServerPort
    int port;

    @Override
    int port() {
        return this.port;
    }

}
