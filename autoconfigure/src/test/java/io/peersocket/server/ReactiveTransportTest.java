package io.peersocket.server;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's behaviour on the dedicated Reactor Netty port. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.handshake-timeout=500ms",
                "peersocket.server.bind-address=127.0.0.1",
                "peersocket.server.extra-headers.X-Game-Server=peersocket" })
class ReactiveTransportTest extends ServerBehaviourTests {

    @LocalPeerSocketPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + this.port + path);
    }

    @Override
    int port() {
        return this.port;
    }

    @Override
    long readPauses() {
        Counter paused = this.meters.find("peersocket.reading.paused").tags("endpoint", "/echo").counter();
        return (paused != null) ? (long) paused.count() : 0;
    }

    @Override
    long transportBufferBytes() {
        // The allocator of Reactor Netty's channels, whose buffers hold every frame
        // written.
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    @Test
    void aConnectionThatDoesNotUpgradeInTimeIsClosed() throws Exception {
        // Timed from before the connect, so that the server's 500 ms cannot have started
        // earlier:
        // only the lower bound is checked (a loaded machine may close it later, never
        // sooner); the
        // read's own timeout bounds the wait.
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMs).isGreaterThanOrEqualTo(450L);
        }
    }

    @Test
    void bindsOnlyTheConfiguredAddress() {
        // 127.0.0.2 is loopback too, but not the address the port was bound to.
        assertThatThrownBy(() -> new Socket("127.0.0.2", this.port).close())
            .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void listensOnItsOwnPort() {
        assertThat(this.server.isListening()).isTrue();
        assertThat(this.server.port()).isEqualTo(this.port);
    }

}
