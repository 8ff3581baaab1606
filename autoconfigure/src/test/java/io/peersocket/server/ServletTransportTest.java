package io.peersocket.server;

import java.net.URI;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The server's behaviour at paths of the application's own Tomcat. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "peersocket.server.extra-headers.X-Game-Server=peersocket")
class ServletTransportTest extends ServerBehaviourTests {

    @LocalServerPort
    int port;

    @Override
    boolean handlersRunOnContainerThreads() {
        return true;
    }

    @Override
    String ioThreadPrefix() {
        return "http-nio-";
    }

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + this.port + path);
    }

    @Override
    int port() {
        return this.port;
    }

}
