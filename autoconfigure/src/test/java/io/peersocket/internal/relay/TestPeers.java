package io.peersocket.internal.relay;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.peersocket.internal.core.Connection;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerRuntime;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.Packet;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.PeerSocketObserver;

/**
 * Real core peers of a plain endpoint over recording connections, for testing the relay's
 * parts alone: each peer's connection keeps the frames written to it, in order, as
 * readable text.
 */
final class TestPeers {

    private final PeerEndpoint endpoint = new PeerEndpoint("/mp", Map.of("", new PeerListener() {
    }), BufferLimits.DEFAULTS, WriteMode.BINARY,
            new PeerRuntime(DispatchMode.POLL, Runnable::run, new PeerSocketObserver() {
            }, false));

    /**
     * @param id the peer's id
     * @return an open peer with that id
     */
    Wire open(int id) {
        Wire wire = new Wire();
        wire.peer = this.endpoint.open(wire, "", id, Runnable::run);
        return wire;
    }

    /**
     * @param frame a relay frame
     * @return it as text: {@code ID(5)}, {@code ADD(1)}, {@code DEL(3)}, {@code 3>0:abc}
     */
    static String describe(byte[] frame) {
        int type = RelayFrame.typeOf(frame);
        return switch (type) {
            case RelayFrame.SYS_ID -> "ID(" + RelayFrame.peerIdOf(frame) + ")";
            case RelayFrame.SYS_ADD -> "ADD(" + RelayFrame.peerIdOf(frame) + ")";
            case RelayFrame.SYS_DEL -> "DEL(" + RelayFrame.peerIdOf(frame) + ")";
            default -> RelayFrame.fromOf(frame) + ">" + RelayFrame.toOf(frame) + ":"
                    + new String(RelayFrame.payloadOf(frame), java.nio.charset.StandardCharsets.UTF_8);
        };
    }

    /** A peer's connection: what was written to it and how it was closed. */
    static final class Wire implements Connection {

        final List<String> frames = new ArrayList<>();

        final List<String> closes = new ArrayList<>();

        @SuppressWarnings("NullAway.Init")
        PeerSession peer;

        // Runs on each send before it is recorded: a transport's reaction to a write.
        Consumer<byte[]> onSend = (frame) -> {
        };

        int id() {
            return this.peer.id();
        }

        @Override
        public void send(Packet packet) {
            this.onSend.accept(packet.data());
            this.frames.add(describe(packet.data()));
            // Written at once: the output limits never fill in these tests.
            this.peer.written(packet);
        }

        @Override
        public void close(int code, String reason) {
            this.closes.add(code + " " + reason);
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public void setNoDelay(boolean enabled) {
        }

    }

}
