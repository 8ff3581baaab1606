package io.peersocket.test.protocol;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The protocol-violation cases on the servlet transport: the endpoints at their paths of
 * the app's Tomcat.
 */
@SpringBootTest(classes = ProtocolViolationApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = ProtocolViolationTests.IN_KIB_1)
class ProtocolViolationServletTests extends ProtocolViolationTests {

    @LocalServerPort
    private int port;

    @Override
    int port() {
        return this.port;
    }

}
