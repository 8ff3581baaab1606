package io.peersocket.server.liveness;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Liveness at paths of the application's own Tomcat. */
@SpringBootTest(classes = { TestApplication.class, LivenessTests.ObserverConfiguration.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { LivenessTests.PROPERTIES_PING, LivenessTests.PROPERTIES_IDLE })
class LivenessServletTest extends LivenessTests {

    @LocalServerPort
    int port;

    @Override
    int port() {
        return this.port;
    }

}
