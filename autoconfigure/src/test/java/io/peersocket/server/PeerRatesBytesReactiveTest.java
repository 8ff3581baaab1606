package io.peersocket.server;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A flooding peer beside a quiet one on the dedicated port, limited in bytes per second:
 * its excess is dropped and counted.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0",
                "peersocket.server.limits.bytes-per-second=" + PeerRatesTests.RATE * PeerRatesTests.FRAME,
                "peersocket.server.limits.rate-exceeded=drop" })
class PeerRatesBytesReactiveTest extends PeerRatesTests {

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
