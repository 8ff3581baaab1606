package io.peersocket.internal.core;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;
import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport-free core through a fake {@link Connection}: what a transport sees (the
 * packets handed to it, closes, resumed reading) and what the application sees (signals
 * in order), with no socket. Poll mode, so that every signal runs on the test's thread
 * when it calls poll().
 */
class PeerCoreTest {

    private final List<String> signals = new ArrayList<>();

    private final List<String> drops = new ArrayList<>();

    private final PeerRuntime runtime = new PeerRuntime(DispatchMode.POLL, Runnable::run, new PeerSocketObserver() {
        @Override
        public void dropped(String path, String reason) {
            PeerCoreTest.this.drops.add(reason);
        }
    }, false);

    private final PeerListener recorder = new PeerListener() {

        @Override
        public void clientConnected(Peer peer, String protocol) {
            PeerCoreTest.this.signals.add("connected " + protocol);
        }

        @Override
        public void dataReceived(Peer peer) {
            PeerCoreTest.this.signals.add("data " + new String(peer.getPacket(), StandardCharsets.UTF_8));
        }

        @Override
        public void clientCloseRequest(Peer peer, int code, String reason) {
            PeerCoreTest.this.signals.add("close_request " + code + " " + reason);
        }

        @Override
        public void clientDisconnected(Peer peer, boolean wasClean) {
            PeerCoreTest.this.signals.add("disconnected " + wasClean + " registered=" + registered(peer.id()));
        }

    };

    private boolean registered(int id) {
        return this.runtime.registry().get(id) != null;
    }

    private PeerEndpoint endpoint(BufferLimits limits) {
        return new PeerEndpoint("/core", Map.of("", this.recorder), limits, WriteMode.TEXT, this.runtime);
    }

    @Test
    void signalsArriveInOrderAndTheIdIsKeptUntilDisconnectedIsDelivered() {
        PeerEndpoint endpoint = endpoint(BufferLimits.DEFAULTS);
        FakeConnection connection = new FakeConnection();
        PeerSession peer = endpoint.open(connection, "");
        for (String text : List.of("one", "two", "three")) {
            assertThat(endpoint.received(peer, packet(text))).isTrue();
        }
        endpoint.closed(peer, new CloseInfo(4000, "done", true, true));
        assertThat(registered(peer.id()))
            .as("kept until its disconnect is delivered (released just before the handler runs)")
            .isTrue();
        assertThat(this.signals).isEmpty(); // poll mode: nothing before poll()

        this.runtime.poll();

        assertThat(this.signals).containsExactly("connected ", "data one", "data two", "data three",
                "close_request 4000 done", "disconnected true registered=false");
        assertThat(registered(peer.id())).isFalse();
    }

    @Test
    void aCloseTheServerStartedIsNoCloseRequest() {
        PeerEndpoint endpoint = endpoint(BufferLimits.DEFAULTS);
        FakeConnection connection = new FakeConnection();
        PeerSession peer = endpoint.open(connection, "");
        peer.close(1000, "bye");
        assertThat(connection.closes).containsExactly("1000 bye");
        assertThat(peer.send("late")).isEqualTo(PeerError.ERR_UNAVAILABLE);
        // The peer's close frame answering ours comes back as remote-initiated.
        endpoint.closed(peer, new CloseInfo(1000, "bye", true, true));

        this.runtime.poll();

        assertThat(this.signals).containsExactly("connected ", "disconnected true registered=false");
        assertThat(connection.sent).isEmpty();
    }

    @Test
    void aFullOutputLimitRefusesWithOutOfMemoryUntilTheTransportHasWritten() {
        // 1 out-packet: the second send waits for the first to be written.
        PeerEndpoint endpoint = endpoint(new BufferLimits(64, 16, 64, 1));
        FakeConnection connection = new FakeConnection();
        PeerSession peer = endpoint.open(connection, "");

        assertThat(peer.send("first")).isEqualTo(PeerError.OK);
        assertThat(peer.send("second")).isEqualTo(PeerError.ERR_OUT_OF_MEMORY);
        assertThat(peer.getCurrentOutboundPacketCount()).isOne();
        assertThat(this.drops).containsExactly("output-full");

        peer.written(connection.sent.get(0));
        assertThat(peer.send("third")).isEqualTo(PeerError.OK);
        assertThat(connection.sent).extracting(PeerCoreTest::text).containsExactly("first", "third");
    }

    @Test
    void aFullInputQueueStopsReadingAndTakingAPacketResumesIt() {
        // 2 in-packets: the second message fills the queue.
        PeerEndpoint endpoint = endpoint(new BufferLimits(64, 2, 64, 16));
        FakeConnection connection = new FakeConnection();
        PeerSession peer = endpoint.open(connection, "");

        assertThat(endpoint.received(peer, packet("a"))).isTrue();
        assertThat(endpoint.received(peer, packet("b"))).as("full: the transport stops reading").isFalse();
        assertThat(connection.resumed).isZero();

        this.runtime.poll(); // the handler takes one packet per data_received

        assertThat(connection.resumed).isOne();
        assertThat(this.signals).containsExactly("connected ", "data a", "data b");
    }

    @Test
    void idsAreUniqueAmongOpenPeers() {
        PeerEndpoint endpoint = endpoint(BufferLimits.DEFAULTS);
        PeerSession first = endpoint.open(new FakeConnection(), "");
        PeerSession second = endpoint.open(new FakeConnection(), "");
        assertThat(first.id()).isNotEqualTo(second.id()).isGreaterThan(1);
        assertThat(second.id()).isGreaterThan(1);
        assertThat(this.runtime.registry().all()).containsExactlyInAnyOrder(first, second);
    }

    private static Packet packet(String text) {
        return new Packet(text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static String text(Packet packet) {
        return new String(packet.data(), StandardCharsets.UTF_8);
    }

    /** What a transport would do, recorded; the test plays the socket's part. */
    static final class FakeConnection implements Connection {

        final List<Packet> sent = new ArrayList<>();

        final List<String> closes = new ArrayList<>();

        int resumed;

        @Override
        public void send(Packet packet) {
            this.sent.add(packet);
        }

        @Override
        public void close(int code, String reason) {
            this.closes.add(code + " " + reason);
        }

        @Override
        public void resumeReading() {
            this.resumed++;
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
