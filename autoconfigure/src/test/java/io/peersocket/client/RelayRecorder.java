package io.peersocket.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.peer.Peer;

/**
 * Records a relay-mode client's signals as lines: "peer-connected 1", "succeeded",
 * "packet 7: hi" (source from getPacketPeer() read before getPacket(), as the engine's
 * MultiplayerAPI does), "peer-disconnected 7", "close-request 1000",
 * "server-disconnected", "failed SomeException"; and any plain-mode signal, which must
 * not come in relay mode.
 */
class RelayRecorder implements ClientListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void peerConnected(RelayClient relay, int id) {
        this.events.add("peer-connected " + id);
    }

    @Override
    public void connectionSucceeded(RelayClient relay) {
        this.events.add("succeeded");
    }

    @Override
    public void peerPacket(RelayClient relay, int source) {
        int from = relay.getPacketPeer();
        String text = new String(relay.getPacket(), StandardCharsets.UTF_8);
        this.events.add("packet " + from + ((from == source) ? "" : "(signal said " + source + ")") + ": " + text);
    }

    @Override
    public void peerDisconnected(RelayClient relay, int id) {
        this.events.add("peer-disconnected " + id);
    }

    @Override
    public void serverCloseRequest(Peer server, int code, String reason) {
        this.events.add("close-request " + code);
    }

    @Override
    public void serverDisconnected(RelayClient relay) {
        this.events.add("server-disconnected");
    }

    @Override
    public void connectionFailed(RelayClient relay, Throwable cause) {
        this.events.add("failed " + cause.getClass().getSimpleName());
    }

    @Override
    public void connectionEstablished(Peer server, String protocol) {
        this.events.add("PLAIN established");
    }

    @Override
    public void dataReceived(Peer server) {
        this.events.add("PLAIN data");
    }

    @Override
    public void connectionClosed(Peer server, boolean wasClean) {
        this.events.add("PLAIN closed");
    }

    @Override
    public void connectionError(Peer server, Throwable cause) {
        this.events.add("PLAIN error");
    }

    /** Waits at most 15 s for the exact line. */
    void await(String event) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> this.events.contains(event));
        }
        catch (org.awaitility.core.ConditionTimeoutException ex) {
            throw new AssertionError("No '" + event + "' within 15 s; signals so far: " + this.events, ex);
        }
    }

}
