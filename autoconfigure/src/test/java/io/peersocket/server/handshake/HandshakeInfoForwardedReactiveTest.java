package io.peersocket.server.handshake;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import io.peersocket.server.LocalPeerSocketPort;

/**
 * Handshake information and attributes on the dedicated port told to trust a proxy
 * (peersocket.server.forward-headers).
 */
@SpringBootTest(classes = { TestApplication.class, HandshakeInfoTests.Who.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.forward-headers=true" })
class HandshakeInfoForwardedReactiveTest extends HandshakeInfoTests {

    @LocalPeerSocketPort
    int port;

    @Override
    int port() {
        return this.port;
    }

    @Override
    String expectedRemoteHost() {
        return FORWARDED;
    }

}
