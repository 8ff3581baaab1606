package io.peersocket.internal.core;

import io.peersocket.peer.Packet;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;

/**
 * The engine's plain server: {@code client_connected}, then every message queued in the
 * peer's input queue with {@code data_received}, then {@code client_close_request} and
 * {@code client_disconnected}. A full input queue pauses reading.
 */
public final class SignalTraffic implements PeerTraffic {

    private final PeerSocketObserver observer;

    /**
     * @param observer told when reading pauses
     */
    public SignalTraffic(PeerSocketObserver observer) {
        this.observer = observer;
    }

    @Override
    public void opened(PeerSession peer) {
        peer.dispatch("client_connected", (l) -> l.clientConnected(peer, peer.protocol()));
    }

    @Override
    public boolean received(PeerSession peer, Packet packet) {
        boolean room = peer.offerInbound(packet);
        peer.dispatchDataReceived();
        if (!room) {
            this.observer.readingPaused(peer.path());
        }
        return room;
    }

    @Override
    public void closed(PeerSession peer, CloseInfo close, boolean closeRequest) {
        if (closeRequest) {
            peer.dispatch("client_close_request", (l) -> l.clientCloseRequest(peer, close.code(), close.reason()));
        }
        peer.dispatchLast("client_disconnected", () -> peer.listener().clientDisconnected(peer, close.clean()));
    }

}
