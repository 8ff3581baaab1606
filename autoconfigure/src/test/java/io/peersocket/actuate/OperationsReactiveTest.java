package io.peersocket.actuate;

import io.peersocket.server.LocalPeerSocketPort;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Operations of the dedicated Reactor Netty port; actuator on the application's Tomcat.
 */
@SpringBootTest(classes = OpsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "peersocket.server.port=0",
                "management.endpoints.web.exposure.include=health,metrics,peersocket",
                "management.endpoint.health.show-details=always",
                // The disconnect operation is granted here; EndpointAccessTest checks it
                // is refused by default.
                "management.endpoint.peersocket.access=unrestricted" })
class OperationsReactiveTest extends OperationsTests {

    @LocalPeerSocketPort
    int port;

    @Override
    int wsPort() {
        return this.port;
    }

}
