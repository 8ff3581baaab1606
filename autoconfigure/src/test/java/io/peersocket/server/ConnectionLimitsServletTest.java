package io.peersocket.server;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The caps on open peers at paths of the application's own Tomcat. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "peersocket.server.limits.max-peers=" + ConnectionLimitsTests.TOTAL,
                "peersocket.server.limits.max-peers-per-endpoint=" + ConnectionLimitsTests.PER_ENDPOINT,
                "peersocket.server.limits.max-peers-per-address=" + ConnectionLimitsTests.PER_ADDRESS })
class ConnectionLimitsServletTest extends ConnectionLimitsTests {

    @LocalServerPort
    int port;

    @Override
    int port() {
        return this.port;
    }

}
