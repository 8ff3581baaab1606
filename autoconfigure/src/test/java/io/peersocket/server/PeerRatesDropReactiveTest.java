package io.peersocket.server;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A flooding peer beside a quiet one on the dedicated port: its excess is dropped and
 * counted.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.limits.packets-per-second=" + PeerRatesTests.RATE,
                "peersocket.server.limits.rate-exceeded=drop" })
class PeerRatesDropReactiveTest extends PeerRatesTests {

    @LocalPeerSocketPort
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
