package io.peersocket.server.handshake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code peersocket.server.proxy-protocol=on}: behind a load balancer that sends
 * HAProxy's PROXY header (v1 text or v2 binary) before the HTTP request, the handler sees
 * the address the header names, not the balancer's; a connection without the header gets
 * no upgrade. The headers are written by hand on a raw socket, as a balancer would, and
 * the peer itself reports the address.
 */
@SpringBootTest(classes = { TestApplication.class, HandshakeInfoTests.Who.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.proxy-protocol=on" })
class ProxyProtocolDedicatedPortTest {

    @LocalPeerSocketPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Autowired
    HandshakeInfoTests.Who who;

    @AfterEach
    void peersOfThisTestAreGone() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    @Test
    void theHandlerSeesTheAddressOfAVersion1Header() throws Exception {
        String proxy = "PROXY TCP4 203.0.113.7 127.0.0.1 51234 " + this.port + "\r\n";
        assertSeenFrom(proxy, "203.0.113.7");
    }

    @Test
    void theHandlerSeesTheAddressOfAVersion2Header() throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A });
        header.write(0x21); // version 2, PROXY command
        header.write(0x11); // TCP over IPv4
        header.write(new byte[] { 0, 12 }); // 4 + 4 + 2 + 2 bytes of addresses
        header.write(new byte[] { (byte) 198, 51, 100, 23 }); // source 198.51.100.23
        header.write(new byte[] { 127, 0, 0, 1 });
        header.write(new byte[] { (byte) 0xC8, 0x3A }); // source port 51258
        header.write(new byte[] { (byte) (this.port >> 8), (byte) this.port });
        assertSeenFrom(new String(header.toByteArray(), StandardCharsets.ISO_8859_1), "198.51.100.23");
    }

    @Test
    void aConnectionWithoutTheHeaderIsNotUpgraded() throws Exception {
        // With 'on' the header is required: Reactor Netty's decoder takes the request for
        // a bad
        // header and closes the connection, before any HTTP answer.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                .write(RawWebSocket.upgradeRequest(this.port, "/who").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("101");
        }
        catch (IOException ex) {
            // A reset instead of an orderly end is the same answer: no upgrade.
        }
        assertThat(this.server.peers()).isEmpty();
    }

    private void assertSeenFrom(String proxyHeader, String address) throws Exception {
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(this.port,
                proxyHeader + RawWebSocket.upgradeRequest(this.port, "/who"));
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).contains(" from=" + address + " ");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
    }

}
