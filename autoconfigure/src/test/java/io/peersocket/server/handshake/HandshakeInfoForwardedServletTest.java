package io.peersocket.server.handshake;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Handshake information and attributes on Tomcat with Boot's
 * server.forward-headers-strategy=native (its RemoteIpValve trusts loopback proxies).
 */
@SpringBootTest(classes = { TestApplication.class, HandshakeInfoTests.Who.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "server.forward-headers-strategy=native" })
class HandshakeInfoForwardedServletTest extends HandshakeInfoTests {

    @LocalServerPort
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
