package io.peersocket.test.protocol;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application the protocol-violation tests run against: an echo endpoint without a
 * subprotocol at {@value #ECHO} and one that requires {@value #PROTOCOL} at
 * {@value #CHAT}. Tests name this class explicitly. The handlers are member classes,
 * registered as beans with their configuration class (a {@code @PacketHandler} is a
 * {@code @Component}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ProtocolViolationApp {

    static final String ECHO = "/echo";

    static final String CHAT = "/chat";

    static final String PROTOCOL = "chat-v1";

    /** Echoes every message in its own mode (text stays text). */
    @PacketHandler(path = ECHO)
    static class EchoHandler {

        @DataReceived
        byte[] echo(Packet packet) {
            return packet.data();
        }

    }

    /** Same echo, behind a required subprotocol. */
    @PacketHandler(path = CHAT, protocols = PROTOCOL)
    static class ChatHandler {

        @DataReceived
        byte[] echo(Packet packet) {
            return packet.data();
        }

    }

}
