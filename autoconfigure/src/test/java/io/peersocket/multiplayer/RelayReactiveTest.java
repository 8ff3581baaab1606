package io.peersocket.multiplayer;

import java.net.URI;

import io.peersocket.server.LocalPeerSocketPort;

import org.springframework.boot.test.context.SpringBootTest;

/** The relay on the dedicated Reactor Netty port. */
@SpringBootTest(classes = RelayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.multiplayer.path=/relay" })
class RelayReactiveTest extends RelayBehaviourTests {

    @LocalPeerSocketPort
    int port;

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + this.port + path);
    }

}
