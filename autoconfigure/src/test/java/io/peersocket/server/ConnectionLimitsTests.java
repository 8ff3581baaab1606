package io.peersocket.server;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.test.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caps on open peers ({@code peersocket.server.limits.*}), the same on both
 * transports (one subclass each): at most {@value #TOTAL} peers, {@value #PER_ENDPOINT}
 * per endpoint and {@value #PER_ADDRESS} per address. Other loopback addresses (127.0.0.2
 * ...) are other clients.
 */
abstract class ConnectionLimitsTests {

    static final int TOTAL = 4;

    static final int PER_ENDPOINT = 3;

    static final int PER_ADDRESS = 2;

    @Autowired
    PeerSocketServer server;

    @Autowired
    HandshakePolicy policy;

    @Autowired
    MeterRegistry meters;

    private final List<RawWebSocket> open = new ArrayList<>();

    /**
     * @return the port the endpoints listen on
     */
    abstract int port();

    @AfterEach
    void closeAll() throws IOException {
        for (RawWebSocket peer : this.open) {
            peer.close();
        }
        this.open.clear();
        // Every place is given back once its connection has ended.
        await().atMost(Duration.ofSeconds(10)).until(() -> this.policy.limits().admitted() == 0);
        // The place is given back when the connection ends; the id only once
        // client_disconnected
        // has been dispatched on the handler thread, which may come a little later.
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().isEmpty());
    }

    @Test
    void pastThePerAddressCapAnUpgradeGets429AndOtherAddressesStillConnect() throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(upgrade("127.0.0.1", "/echo")).isEqualTo(101);
        }
        double before = refused("/echo", "max-peers-per-address");
        assertThat(upgrade("127.0.0.1", "/echo")).isEqualTo(429);
        assertThat(refused("/echo", "max-peers-per-address")).isEqualTo(before + 1);
        assertThat(upgrade("127.0.0.2", "/echo")).isEqualTo(101);
        // The peers admitted still work.
        RawWebSocket first = this.open.get(0);
        first.sendText("still here");
        assertThat(first.readFrame().text()).isEqualTo("still here");
        // A place is given back when its peer leaves.
        first.sendClose(1000, "");
        assertThat(first.readClose().closeCode()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> this.policy.limits().admitted() == PER_ADDRESS);
        assertThat(upgrade("127.0.0.1", "/echo")).isEqualTo(101);
    }

    @Test
    void pastTheEndpointAndTotalCapsAnUpgradeGets503() throws Exception {
        for (int i = 1; i <= PER_ENDPOINT; i++) {
            assertThat(upgrade("127.0.0." + i, "/echo")).isEqualTo(101);
        }
        double endpointBefore = refused("/echo", "max-peers-per-endpoint");
        assertThat(upgrade("127.0.0.10", "/echo")).isEqualTo(503);
        assertThat(refused("/echo", "max-peers-per-endpoint")).isEqualTo(endpointBefore + 1);
        // Another endpoint has room, up to the total.
        assertThat(upgrade("127.0.0.11", "/record")).isEqualTo(101);
        await().atMost(Duration.ofSeconds(10)).until(() -> this.server.peers().size() == TOTAL);
        double totalBefore = refused("/record", "max-peers");
        assertThat(upgrade("127.0.0.12", "/record")).isEqualTo(503);
        assertThat(refused("/record", "max-peers")).isEqualTo(totalBefore + 1);
    }

    /** Upgrades from a local address; keeps the socket open on 101. */
    private int upgrade(String from, String path) throws IOException {
        RawWebSocket.HttpResponse response = RawWebSocket.handshake(InetAddress.getByName(from), port(),
                RawWebSocket.upgradeRequest(port(), path));
        if (response.webSocket() != null) {
            this.open.add(response.webSocket());
        }
        return response.status();
    }

    private double refused(String path, String reason) {
        Counter counter = this.meters.find("peersocket.handshakes.refused")
            .tags("endpoint", path, "reason", reason)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

}
