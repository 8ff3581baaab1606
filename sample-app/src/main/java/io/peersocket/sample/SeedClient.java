package io.peersocket.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.peersocket.annotation.ConnectionClosed;
import io.peersocket.annotation.ConnectionError;
import io.peersocket.annotation.ConnectionEstablished;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.client.PeerSocketClients;
import io.peersocket.peer.Peer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;

/**
 * The seed's minimal client example, in the profile {@code seed-client}: the named
 * connection {@code seed} ({@code peersocket.client.connections.seed}, by default
 * {@code ws://127.0.0.1:9080/} with {@code lws-mirror-protocol}) connects on start; this
 * handler prints the seed's lines, then closes cleanly once the server has mirrored the
 * packet, and the application exits with 0 (1 when the connection failed or was not
 * clean).
 */
@Profile("seed-client")
@PacketHandler(client = "seed")
class SeedClient {

    private final ObjectProvider<PeerSocketClients> clients;

    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    SeedClient(ObjectProvider<PeerSocketClients> clients) {
        this.clients = clients;
    }

    // func _connected(proto = ""): print, then get_peer(1).put_packet("Test
    // packet".to_utf8())
    @ConnectionEstablished
    void connected(Peer server, String protocol) {
        System.out.println("Connected with protocol: " + protocol);
        server.putPacket("Test packet".getBytes(StandardCharsets.UTF_8));
    }

    // func _on_data(): print the packet; then, unlike the seed's endless game loop,
    // close.
    @DataReceived
    void onData(Peer server) {
        System.out.println("Got data from server: " + new String(server.getPacket(), StandardCharsets.UTF_8));
        this.clients.getObject().require("seed").disconnectFromHost(1000, "Done");
    }

    // func _closed(was_clean = false), bound to connection_closed and connection_error.
    @ConnectionClosed
    void closed(boolean wasClean) {
        System.out.println("Closed, clean: " + wasClean);
        this.exitCode.complete(wasClean ? 0 : 1);
    }

    @ConnectionError
    void error(Throwable cause) {
        System.out.println("Closed, clean: false");
        this.exitCode.complete(1);
    }

    /**
     * @param timeout the longest wait
     * @return 0 once the example closed cleanly; 1 when it failed or did not finish in
     * time
     */
    int awaitExitCode(Duration timeout) {
        try {
            return this.exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            System.out.println("The seed client example did not finish within " + timeout);
            return 1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (ExecutionException ex) {
            return 1;
        }
    }

}
