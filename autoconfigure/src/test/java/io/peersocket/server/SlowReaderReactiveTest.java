package io.peersocket.server;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;

/** The slow-reader policy on the dedicated Reactor Netty port. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "peersocket.server.port=0", "peersocket.server.limits.slow-reader-timeout=" + SlowReaderTests.TIMEOUT })
class SlowReaderReactiveTest extends SlowReaderTests {

    @LocalPeerSocketPort
    int port;

    @Override
    int port() {
        return this.port;
    }

}
