package io.peersocket.server;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;

/** The caps on open peers on the dedicated Reactor Netty port. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.limits.max-peers=" + ConnectionLimitsTests.TOTAL,
                "peersocket.server.limits.max-peers-per-endpoint=" + ConnectionLimitsTests.PER_ENDPOINT,
                "peersocket.server.limits.max-peers-per-address=" + ConnectionLimitsTests.PER_ADDRESS })
class ConnectionLimitsReactiveTest extends ConnectionLimitsTests {

    @LocalPeerSocketPort
    int port;

    @Override
    int port() {
        return this.port;
    }

}
