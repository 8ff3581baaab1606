package io.peersocket.server;

import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

/** A flooding peer beside a quiet one on the dedicated port: it is closed with 1008. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.limits.packets-per-second=" + PeerRatesTests.RATE,
                "peersocket.server.limits.rate-exceeded=close" })
class PeerRatesCloseReactiveTest extends PeerRatesTests {

    @LocalPeerSocketPort
    int port;

    @Override
    int port() {
        return this.port;
    }

    @Test
    void floodingPeerBesideAQuietOne() throws Exception {
        assertFlooderClosed();
    }

}
