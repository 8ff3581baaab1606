package com.example.demo;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@PacketHandler(path = "/hello")
class HelloHandler {

    private static final Logger log = LoggerFactory.getLogger(HelloHandler.class);

    @ClientConnected
    void connected(int id, String protocol) {
        log.info("Client {} connected with protocol: {}", id, protocol);
    }

    @DataReceived
    String received(int id, String text) {
        log.info("Got data from client {}: {}", id, text);
        return "Hello, " + text + "!";
    }

    @ClientDisconnected
    void disconnected(int id, boolean wasClean) {
        log.info("Client {} disconnected, clean: {}", id, wasClean);
    }

}
