package io.peersocket.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerListener;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.threads.virtual.enabled=true}: handlers run on virtual threads, named
 * {@code peersocket-handler-}. Virtual threads need Java 21: skipped, with a message, on
 * an older JVM (the build's Java 17); run it with a Java 21+ {@code JAVA_HOME}.
 */
@SpringBootTest(classes = VirtualHandlerThreadsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "spring.threads.virtual.enabled=true" })
class VirtualHandlerThreadsTest {

    @Autowired
    App.Threads threads;

    @LocalPeerSocketPort
    int port;

    @BeforeAll
    static void needsJava21() {
        assumeThat(Runtime.version().feature()).as("virtual threads need Java 21+").isGreaterThanOrEqualTo(21);
    }

    @Test
    void handlersRunOnVirtualThreads() throws Exception {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/threads"));
        try {
            client.sendText("which thread?");
            // What the handler saw, as the client received it.
            assertThat(client.next(Duration.ofSeconds(10)).string())
                .startsWith("virtual=true name=peersocket-handler-");
            await().atMost(Duration.ofSeconds(10)).until(() -> this.threads.seen.size() >= 2);
            assertThat(this.threads.seen).allMatch((seen) -> seen.startsWith("virtual=true"));
        }
        finally {
            client.abort();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(App.Threads.class)
    static class App {

        @PacketHandler(path = "/threads")
        static class Threads implements PeerListener {

            final List<String> seen = new CopyOnWriteArrayList<>();

            @Override
            public void clientConnected(Peer peer, String protocol) {
                this.seen.add(describe());
            }

            @Override
            public void dataReceived(Peer peer) {
                peer.getPacket();
                String thread = describe();
                this.seen.add(thread);
                peer.send(thread);
            }

            // Thread.isVirtual() is Java 21 API; the build compiles for 17.
            private static String describe() {
                Thread thread = Thread.currentThread();
                try {
                    return "virtual=" + Thread.class.getMethod("isVirtual").invoke(thread) + " name="
                            + thread.getName();
                }
                catch (ReflectiveOperationException ex) {
                    return "virtual=unknown name=" + thread.getName();
                }
            }

        }

    }

}
