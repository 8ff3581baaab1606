package io.peersocket.server.handshake;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import io.peersocket.server.LocalPeerSocketPort;

/**
 * Handshake information and attributes on the dedicated Reactor Netty port, which ignores
 * forwarded headers unless told to trust them.
 */
@SpringBootTest(classes = { TestApplication.class, HandshakeInfoTests.Who.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "peersocket.server.port=0" })
class HandshakeInfoReactiveTest extends HandshakeInfoTests {

    @LocalPeerSocketPort
    int port;

    @Override
    int port() {
        return this.port;
    }

    @Override
    String expectedRemoteHost() {
        return "127.0.0.1";
    }

}
