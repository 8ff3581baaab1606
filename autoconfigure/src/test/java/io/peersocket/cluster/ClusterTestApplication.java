package io.peersocket.cluster;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.server.PeerSocketServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * One node of a test cluster: its peers drive the cluster with text commands and read
 * what it answers. {@code id:<id>} greets each peer.
 * <ul>
 * <li>{@code txt:<id>:<text>} / {@code bin:<id>:<text>}: sends to a peer with
 * {@code send(text)} or {@code putPacket} in binary; answers
 * {@code sent:<PeerError>}</li>
 * <li>{@code has:<id>}: answers {@code has:<bool>:<address>:<port>}</li>
 * <li>{@code kick:<id>}: {@code disconnectPeer(id, 4000, "kicked")}; answers
 * {@code kicked}</li>
 * <li>{@code join:<group>}: answers {@code joined:<group>}</li>
 * <li>{@code group:<group>:<text>}: to every other member; {@code all:<text>}: to every
 * other peer of the endpoint</li>
 * <li>{@code state}: answers
 * {@code state:nodes=<other nodes, sorted>;remote=<remote peers>;lost=<lost
 * messages>;up=<link up>;forgotten=<nodes forgotten>} (what a test of a node in another
 * JVM reads)</li>
 * </ul>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ClusterTestApplication.Commands.class, ClusterTestApplication.Game.class })
public class ClusterTestApplication {

    /**
     * Runs a node as its own process, until killed (no web server keeps the JVM up
     * otherwise).
     * @param args Spring Boot arguments
     * @throws InterruptedException never, in practice
     */
    public static void main(String[] args) throws InterruptedException {
        org.springframework.context.ConfigurableApplicationContext context = SpringApplication
            .run(ClusterTestApplication.class, args);
        // NodeProcess waits for this line: the node is up and serves this port.
        System.out.println(NodeProcess.READY + context.getEnvironment().getProperty("local.peersocket.port"));
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /** A relay at {@code /mp} whose application (peer 1) records the packets it gets. */
    @PacketHandler(path = "/mp", multiplayer = true)
    public static class Game {

        public final java.util.List<String> packets = new java.util.concurrent.CopyOnWriteArrayList<>();

        @io.peersocket.annotation.PeerPacket
        void packet(int from, int to, String text) {
            this.packets.add(from + ">" + to + ":" + text);
        }

    }

    @PacketHandler(path = "/cluster", writeMode = WriteMode.TEXT)
    public static class Commands {

        private final PeerSocketServer server;

        private final PeerGroups groups;

        private final ClusterNode cluster;

        public Commands(PeerSocketServer server, PeerGroups groups, ClusterNode cluster) {
            this.server = server;
            this.groups = groups;
            this.cluster = cluster;
        }

        @ClientConnected
        String connected(Peer peer) {
            return "id:" + peer.id();
        }

        @DataReceived
        String received(Peer peer, String text) {
            String[] parts = text.split(":", 3);
            switch (parts[0]) {
                case "txt", "bin" -> {
                    Peer target = this.server.getPeer(Integer.parseInt(parts[1]));
                    if (target == null) {
                        return "sent:" + PeerError.ERR_UNAVAILABLE;
                    }
                    PeerError result = parts[0].equals("txt") ? target.send(parts[2])
                            : target.putPacket(parts[2].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    return "sent:" + result;
                }
                case "has" -> {
                    int id = Integer.parseInt(parts[1]);
                    return "has:" + this.server.hasPeer(id) + ":" + this.server.getPeerAddress(id) + ":"
                            + this.server.getPeerPort(id);
                }
                case "kick" -> {
                    this.server.disconnectPeer(Integer.parseInt(parts[1]), 4000, "kicked");
                    return "kicked";
                }
                case "join" -> {
                    this.groups.join(peer, parts[1]);
                    return "joined:" + parts[1];
                }
                case "group" -> {
                    PeerError result = this.groups.sendToGroup(parts[1],
                            parts[2].getBytes(java.nio.charset.StandardCharsets.UTF_8), WriteMode.TEXT, peer);
                    return (result == PeerError.OK) ? null : "group:" + result;
                }
                case "all" -> {
                    PeerError result = this.groups.sendToEndpoint("/cluster",
                            (parts[1] + ((parts.length > 2) ? ":" + parts[2] : ""))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            WriteMode.TEXT, peer);
                    return (result == PeerError.OK) ? null : "all:" + result;
                }
                case "state" -> {
                    return "state:nodes=" + String.join(",", new java.util.TreeSet<>(this.cluster.otherNodes()))
                            + ";remote=" + this.cluster.remotePeers().size() + ";lost=" + this.cluster.lostMessages()
                            + ";up=" + this.cluster.linkUp() + ";forgotten=" + this.cluster.forgottenNodes();
                }
                default -> {
                    return "unknown:" + text;
                }
            }
        }

    }

}
