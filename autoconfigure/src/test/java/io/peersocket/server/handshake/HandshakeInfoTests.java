package io.peersocket.server.handshake;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.HandshakeInfo;
import io.peersocket.peer.Peer;
import io.peersocket.test.RawWebSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the upgrade request said reaches the handler ({@code @ClientConnected} parameters
 * and {@link Peer#handshake()}), and attributes the handler sets in one signal are there
 * in the next: the same on both transports, one subclass each. The peer itself reports
 * what it saw, so the assertion is on what a real socket received.
 */
abstract class HandshakeInfoTests {

    /** The address a client behind a proxy claims in {@code X-Forwarded-For}. */
    static final String FORWARDED = "203.0.113.7";

    @Autowired
    Who who;

    abstract int port();

    /**
     * @return the client address the handler must see: the socket's, or the forwarded one
     * when trusted
     */
    abstract String expectedRemoteHost();

    @Test
    void handlerSeesHeadersQueryCookiesAddressAndItsOwnAttributes() throws Exception {
        String request = RawWebSocket.upgradeRequest(port(), "/who?room=red%20one&flag&room=blue")
            .replace("\r\n\r\n", "\r\nX-Player: alice\r\nx-multi: a\r\nX-Multi: b\r\n"
                    + "Cookie: session=s1; theme=\"dark\"\r\nX-Forwarded-For: " + FORWARDED + "\r\n\r\n");
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(port(), request);
        assertThat(response.status()).isEqualTo(101);
        try (RawWebSocket socket = response.webSocket()) {
            socket.sendText("who");
            assertThat(socket.readFrame().text()).isEqualTo("player=alice multi=[a, b] rooms=[red one, blue] flag="
                    + " session=s1 theme=dark from=" + expectedRemoteHost() + " principal=null connectedAs=alice");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        // Set in @ClientConnected, read in @ClientDisconnected.
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("alice");
    }

    @Test
    void aRequestWithoutExtrasHasEmptyMapsNotNulls() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(port(), "/who")) {
            socket.sendText("who");
            assertThat(socket.readFrame().text())
                .isEqualTo("player=null multi=null rooms=null flag=null" + " session=null theme=null from="
                        + (expectedRemoteHost().equals(FORWARDED) ? "127.0.0.1" : expectedRemoteHost())
                        + " principal=null connectedAs=null");
            socket.sendClose(1000, "");
            assertThat(socket.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(this.who.leavers.poll(10, TimeUnit.SECONDS)).isEqualTo("nobody");
    }

    /** An endpoint for administrators only: answers with the principal's name. */
    @PacketHandler(path = "/admin", authorities = { "ROLE_ADMIN", "SCOPE_admin" })
    static class Admin {

        @DataReceived
        String data(Peer peer) {
            return "admin " + peer.handshake().principal().getName();
        }

    }

    /** Answers each packet with what the upgrade request said, as the peer sees it. */
    @PacketHandler(path = "/who")
    static class Who {

        final BlockingQueue<String> leavers = new LinkedBlockingQueue<>();

        @ClientConnected
        void connected(Peer peer, HandshakeInfo handshake, @Nullable Principal principal) {
            assertThat(handshake).isSameAs(peer.handshake());
            String player = handshake.header("x-player");
            peer.setAttribute("player", player);
            peer.attributes().put("principal", (principal != null) ? principal.getName() : "null");
        }

        @DataReceived
        String data(Peer peer, String text) {
            HandshakeInfo handshake = peer.handshake();
            List<String> multi = handshake.headers().get("X-MULTI");
            return "player=" + handshake.header("X-Player") + " multi=" + multi + " rooms="
                    + handshake.queryParameters().get("room") + " flag=" + handshake.queryParameter("flag")
                    + " session=" + handshake.cookie("session") + " theme=" + handshake.cookie("theme") + " from="
                    + handshake.remoteAddress().getAddress().getHostAddress() + " principal="
                    + peer.getAttribute("principal") + " connectedAs=" + peer.<String>getAttribute("player");
        }

        @ClientDisconnected
        void disconnected(Peer peer) {
            String player = peer.getAttribute("player");
            this.leavers.add((player != null) ? player : "nobody");
        }

    }

}
