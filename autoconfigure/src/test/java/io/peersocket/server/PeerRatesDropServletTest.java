package io.peersocket.server;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A flooding peer beside a quiet one on the application's Tomcat: its excess is dropped
 * and counted.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "peersocket.server.limits.packets-per-second=" + PeerRatesTests.RATE,
                "peersocket.server.limits.rate-exceeded=drop" })
class PeerRatesDropServletTest extends PeerRatesTests {

    @LocalServerPort
    int port;

    @Override
    int port() {
        return this.port;
    }

    @Test
    void floodingPeerBesideAQuietOne() throws Exception {
        assertExcessDropped();
    }

}
