package com.example.pollserver;

import io.peersocket.server.PeerSocketServer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
class GameLoop {

    private final PeerSocketServer server;

    GameLoop(PeerSocketServer server) {
        this.server = server;
    }

    // _process(delta), about 60 times a second: signals fire here, on this thread.
    @Scheduled(fixedRate = 16)
    void process() {
        this.server.poll();
    }

}
