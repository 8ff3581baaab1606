package io.peersocket.multiplayer;

import java.net.URI;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The relay at a path of the application's own Tomcat. */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "peersocket.server.multiplayer.path=/relay")
class RelayServletTest extends RelayBehaviourTests {

    @LocalServerPort
    int port;

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + this.port + path);
    }

}
