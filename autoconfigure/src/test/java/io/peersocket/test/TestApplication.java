package io.peersocket.test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerListener;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application with an echo endpoint and a recording endpoint, for behaviour tests on
 * both transports.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ TestApplication.Echo.class, TestApplication.Recorder.class, TestApplication.NonBlockingEcho.class,
        TestApplication.Farewell.class, TestApplication.NonBlockingFarewell.class })
public class TestApplication {

    /** Echoes every packet in its own mode. */
    @PacketHandler(path = "/echo")
    public static class Echo {

        @DataReceived
        Packet echo(Packet packet) {
            return packet;
        }

    }

    /**
     * Records every signal as a line, the thread it ran on, and whether two signals of
     * one peer ever ran at once.
     */
    @PacketHandler(path = "/record")
    public static class Recorder implements PeerListener {

        public final List<String> events = new CopyOnWriteArrayList<>();

        public final List<String> threads = new CopyOnWriteArrayList<>();

        public final Map<Integer, List<String>> dataByPeer = new ConcurrentHashMap<>();

        public final AtomicInteger overlaps = new AtomicInteger();

        private final Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();

        public volatile int slowEveryNth = 0;

        private void record(Peer peer, String event) {
            AtomicInteger inFlight = this.running.computeIfAbsent(peer.id(), (id) -> new AtomicInteger());
            if (inFlight.incrementAndGet() != 1) {
                this.overlaps.incrementAndGet();
            }
            try {
                this.events.add(event);
                this.threads.add(Thread.currentThread().getName());
                if (this.slowEveryNth > 0 && this.events.size() % this.slowEveryNth == 0) {
                    Thread.sleep(1);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void clientConnected(Peer peer, String protocol) {
            record(peer, "connected " + peer.id() + " '" + protocol + "'");
        }

        @Override
        public void dataReceived(Peer peer) {
            byte[] data = peer.getPacket();
            String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
            this.dataByPeer.computeIfAbsent(peer.id(), (id) -> new CopyOnWriteArrayList<>()).add(text);
            record(peer, "data " + peer.id() + " " + (peer.wasStringPacket() ? "text" : "binary") + " " + text);
        }

        @Override
        public void clientCloseRequest(Peer peer, int code, String reason) {
            record(peer, "close-request " + peer.id() + " " + code + " '" + reason + "'");
        }

        @Override
        public void clientDisconnected(Peer peer, boolean wasClean) {
            record(peer, "disconnected " + peer.id() + " clean=" + wasClean);
        }

        public void reset() {
            this.events.clear();
            this.threads.clear();
            this.dataByPeer.clear();
            this.overlaps.set(0);
            this.slowEveryNth = 0;
        }

    }

    /**
     * Echoes every packet from a handler declared non-blocking, and records the order of
     * what it received per peer, the threads it ran on and whether two of one peer's
     * signals overlapped.
     */
    @PacketHandler(path = "/echo-io", blocking = false)
    public static class NonBlockingEcho {

        public final Map<Integer, List<String>> dataByPeer = new ConcurrentHashMap<>();

        public final Set<String> threads = ConcurrentHashMap.newKeySet();

        public final AtomicInteger overlaps = new AtomicInteger();

        private final Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();

        @DataReceived
        Packet echo(Peer peer, Packet packet) {
            AtomicInteger inFlight = this.running.computeIfAbsent(peer.id(), (id) -> new AtomicInteger());
            if (inFlight.incrementAndGet() != 1) {
                this.overlaps.incrementAndGet();
            }
            this.threads.add(Thread.currentThread().getName());
            this.dataByPeer.computeIfAbsent(peer.id(), (id) -> new CopyOnWriteArrayList<>())
                .add(new String(packet.data(), java.nio.charset.StandardCharsets.UTF_8));
            inFlight.decrementAndGet();
            return packet;
        }

        public void reset() {
            this.dataByPeer.clear();
            this.threads.clear();
            this.overlaps.set(0);
        }

    }

    /**
     * Answers each message with three packets, then closes with 4000: the packets must
     * arrive first.
     */
    @PacketHandler(path = "/farewell")
    public static class Farewell {

        @DataReceived
        void farewell(Peer peer, String text) {
            for (int n = 1; n <= 3; n++) {
                peer.send("bye " + n + " " + text);
            }
            peer.close(4000, "done");
        }

    }

    /** {@link Farewell}, declared non-blocking: it sends and closes on the I/O thread. */
    @PacketHandler(path = "/farewell-io", blocking = false)
    public static class NonBlockingFarewell extends Farewell {

    }

}
