package io.peersocket.server.handshake;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Handshake information and attributes at a path of the application's own Tomcat, which
 * ignores forwarded headers by default.
 */
@SpringBootTest(classes = { TestApplication.class, HandshakeInfoTests.Who.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {})
class HandshakeInfoServletTest extends HandshakeInfoTests {

    @LocalServerPort
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
