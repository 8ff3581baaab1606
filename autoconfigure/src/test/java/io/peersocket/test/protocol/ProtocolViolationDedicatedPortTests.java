package io.peersocket.test.protocol;

import io.peersocket.server.LocalPeerSocketPort;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The protocol-violation cases on the dedicated Reactor Netty port
 * ({@code peersocket.server.port=0}).
 */
@SpringBootTest(classes = ProtocolViolationApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", ProtocolViolationTests.IN_KIB_1 })
class ProtocolViolationDedicatedPortTests extends ProtocolViolationTests {

    @LocalPeerSocketPort
    private int port;

    @Override
    int port() {
        return this.port;
    }

}
