package io.peersocket.actuate;

import org.springframework.boot.test.context.SpringBootTest;

/** Operations of endpoints served by the application's own Tomcat, beside actuator. */
@SpringBootTest(classes = OpsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=health,metrics,peersocket",
                "management.endpoint.health.show-details=always",
                // The disconnect operation is granted here; EndpointAccessTest checks it
                // is refused by default.
                "management.endpoint.peersocket.access=unrestricted" })
class OperationsServletTest extends OperationsTests {

    @Override
    int wsPort() {
        return this.webPort;
    }

}
