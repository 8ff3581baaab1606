package io.peersocket.server;

import java.net.URI;

import io.peersocket.test.TestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The server's behaviour at paths of a WebFlux application's own Reactor Netty server (no
 * dedicated port).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=reactive",
                "peersocket.server.extra-headers.X-Game-Server=peersocket" })
class WebFluxApplicationServerTest extends ServerBehaviourTests {

    @LocalServerPort
    int port;

    @Override
    String ioThreadPrefix() {
        return "webflux-http-";
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
