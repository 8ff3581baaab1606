package io.peersocket.stacks;

import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;

/**
 * The client side of the tests: the named connection {@code echo}. It greets the server,
 * answers {@code ports?} with the ports its JVM listens on (so that a test can ask an
 * application in another process), and any other text with {@code pong:<text>}.
 */
@PacketHandler(client = "echo")
public class EchoClientHandler {

    /** What the client sends once connected. */
    public static final String GREETING = "hello from the client";

    @ConnectionEstablished
    String connected() {
        return GREETING;
    }

    @DataReceived
    String received(String text) {
        if (text.equals("ports?")) {
            return "ports=" + ListeningPorts.ofThisProcess();
        }
        return "pong:" + text;
    }

}
