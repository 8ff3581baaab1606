package io.peersocket.bench.server;

import java.nio.ByteBuffer;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.cluster.PeerGroups;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.WriteMode;
import io.peersocket.server.PeerSocketServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * One node of a cluster on Redis: the starter (reactive, push) with {@code peersocket.cluster.enabled}.
 * {@code /cbcast}: every peer joins the group {@code all} as it connects, and each packet goes to
 * the whole group, on every node ({@link PeerGroups#sendToGroup}). {@code /xecho}: a peer is greeted
 * with its id (4 bytes, big-endian); a packet starts with the id of the peer it is for (on any
 * node), which gets it with the sender's id in place of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ClusterServer {

    /**
     * @param port the node's WebSocket port
     * @param node the node's name
     * @param redisPort the port of the Redis on 127.0.0.1
     * @param keyPrefix the cluster's keys in Redis (nodes of one cluster share it)
     */
    static ConfigurableApplicationContext start(int port, String node, int redisPort, String keyPrefix) {
        return ServerMain.builder(ClusterServer.class)
            .web(WebApplicationType.NONE)
            .properties("peersocket.server.port=" + port, "peersocket.server.bind-address=127.0.0.1",
                    // A broadcast to thousands of peers, several in flight: as for the other servers.
                    "peersocket.server.buffers.out-kib=1024", "peersocket.server.buffers.out-packets=4096",
                    "peersocket.cluster.enabled=true", "peersocket.cluster.node-id=" + node,
                    "peersocket.cluster.key-prefix=" + keyPrefix,
                    // Nodes are paused (SIGSTOP) between scenarios: long enough not to be forgotten meanwhile.
                    "peersocket.cluster.node-timeout=120s",
                    "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort)
            .run();
    }

    // Both handlers only queue (a group send, a send to a peer of another node: the cluster's
    // writer does the Redis I/O), so they run on the I/O thread that read the packet: one thread
    // hop less on each crossing.
    @PacketHandler(path = "/cbcast", blocking = false)
    static final class Broadcast {

        private final PeerGroups groups;

        Broadcast(PeerGroups groups) {
            this.groups = groups;
        }

        @ClientConnected
        void connected(Peer peer) {
            this.groups.join(peer, "all");
        }

        @DataReceived
        void broadcast(Packet packet) {
            this.groups.sendToGroup("all", packet.data(), packet.string() ? WriteMode.TEXT : WriteMode.BINARY, 0);
        }

    }

    @PacketHandler(path = "/xecho", blocking = false)
    static final class CrossEcho {

        private final PeerSocketServer server;

        CrossEcho(PeerSocketServer server) {
            this.server = server;
        }

        @ClientConnected
        byte[] connected(Peer peer) {
            return ByteBuffer.allocate(4).putInt(peer.id()).array();
        }

        @DataReceived
        void forward(Peer from, Packet packet) {
            byte[] data = packet.data();
            if (data.length < 4) {
                return;
            }
            Peer target = this.server.getPeer(ByteBuffer.wrap(data).getInt());
            if (target != null) {
                ByteBuffer.wrap(data).putInt(from.id());
                target.send(data, WriteMode.BINARY);
            }
        }

    }

}
