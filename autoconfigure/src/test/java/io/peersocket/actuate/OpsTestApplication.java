package io.peersocket.actuate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application for the operations tests: one endpoint per concern, so that their meters
 * stay apart.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ OpsTestApplication.Ops.class, OpsTestApplication.Flood.class, OpsTestApplication.Chat.class,
        OpsTestApplication.Fail.class })
public class OpsTestApplication {

    /**
     * Tells each peer its id ("id:N", text), then echoes every packet in its own mode.
     */
    @PacketHandler(path = "/ops")
    public static class Ops implements PeerListener {

        @Override
        public void clientConnected(Peer peer, String protocol) {
            peer.send("id:" + peer.id());
        }

        @Override
        public void dataReceived(Peer peer) {
            Packet packet = peer.nextPacket();
            if (packet != null) {
                peer.send(packet.data(), packet.string() ? WriteMode.TEXT : WriteMode.BINARY);
            }
        }

    }

    /**
     * On any packet, sends 16 KiB packets to the sender, which must not read, until its
     * output has been full (every packet refused) for half a second: then the socket
     * buffers of both ends are full too, and nothing more leaves the server for that
     * peer.
     */
    @PacketHandler(path = "/flood")
    public static class Flood implements PeerListener {

        public final AtomicInteger refused = new AtomicInteger();

        public final AtomicInteger accepted = new AtomicInteger();

        public final AtomicBoolean stuck = new AtomicBoolean();

        @Override
        public void dataReceived(Peer peer) {
            peer.getPacket();
            byte[] chunk = new byte[16 * 1024];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long fullSince = 0;
            while (peer.isConnectedToHost() && System.nanoTime() < deadline) {
                if (peer.putPacket(chunk) == PeerError.OK) {
                    this.accepted.incrementAndGet();
                    fullSince = 0;
                    continue;
                }
                this.refused.incrementAndGet();
                long now = System.nanoTime();
                if (fullSince == 0) {
                    fullSince = now;
                }
                else if (now - fullSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                    this.stuck.set(true);
                    return;
                }
                try {
                    Thread.sleep(5);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

    }

    /** Offers only the subprotocol chat-v1. */
    @PacketHandler(path = "/chat", protocols = "chat-v1")
    public static class Chat implements PeerListener {

    }

    /** Throws on every packet. */
    @PacketHandler(path = "/fail")
    public static class Fail implements PeerListener {

        @Override
        public void dataReceived(Peer peer) {
            peer.getPacket();
            throw new IllegalStateException("handler failure for the test");
        }

    }

}
