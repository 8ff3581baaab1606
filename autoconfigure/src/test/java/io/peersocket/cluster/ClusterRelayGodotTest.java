package io.peersocket.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.peersocket.test.Godot;
import io.peersocket.test.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real Godot 3.2.3 relay clients ({@code WebSocketClient} with {@code gd_mp_api = true})
 * on two different nodes: at the packet level, targeted, broadcast (0) and exclusion (-N)
 * packets cross the nodes and each client prints exactly what the relay's rules say, in
 * the order sent; with the engine's MultiplayerAPI, an RPC from one node arrives on the
 * other with the sender's id, and the sender sees the receiver leave. Skipped when Godot
 * is not installed, unless {@code peersocket.peers.required}.
 */
class ClusterRelayGodotTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    static final Duration RUN = Duration.ofSeconds(60);

    static ClusterNodes nodes;

    static ConfigurableApplicationContext a;

    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startNodes() {
        Godot.assumeInstalled();
        nodes = new ClusterNodes(redis, "godot-relay");
        a = nodes.start("node-a");
        b = nodes.start("node-b");
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ClusterNodes.node(a).otherNodes().contains("node-b")
                    && ClusterNodes.node(b).otherNodes().contains("node-a"));
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void targetedBroadcastAndExclusionPacketsOfGodotClientsCrossTheNodes() throws Exception {
        ClusterTestApplication.Game gameA = a.getBean(ClusterTestApplication.Game.class);
        ClusterTestApplication.Game gameB = b.getBean(ClusterTestApplication.Game.class);
        gameA.packets.clear();
        gameB.packets.clear();
        try (PeerProcess clientA = Godot.start("cluster-A", "relay_cluster.gd", Map.of("MP_URL",
                ClusterRelayTest.mp(a).toString(), "MP_NAME", "A", "MP_OTHER", "B", "MP_TIMEOUT", "40"))) {
            int idA = Integer.parseInt(clientA.awaitLine((l) -> l.startsWith("ID A "), RUN).substring(5));
            ClusterRelayTest.awaitKnown(b, idA);
            try (PeerProcess clientB = Godot.start("cluster-B", "relay_cluster.gd", Map.of("MP_URL",
                    ClusterRelayTest.mp(b).toString(), "MP_NAME", "B", "MP_OTHER", "A", "MP_TIMEOUT", "40"))) {
                int idB = Integer.parseInt(clientB.awaitLine((l) -> l.startsWith("ID B "), RUN).substring(5));
                clientA.awaitLine("RESULT A ok"::equals, RUN);
                clientB.awaitLine("RESULT B ok"::equals, RUN);
                // Each got the other's greeting, the packet for it, the broadcast and the
                // exclusion of the
                // sender itself, in the order sent; never the exclusion of itself.
                assertThat(logs(clientA, "A")).containsExactly("B hello:B", "B B>A", "B B>all", "B B>notB", "B done:B");
                assertThat(logs(clientB, "B")).containsExactly("A hello:A", "A A>B", "A A>all", "A A>notA", "A done:A");
                clientB.assertExits(RUN);
                // Peer 1 is the application of the sender's node: each packet for 0 or -N
                // reaches that one only.
                await().atMost(Duration.ofSeconds(10)).until(() -> gameB.packets.size() == 4);
                assertThat(gameB.packets).containsExactly(idB + ">0:B>all", idB + ">" + (-idA) + ":B>notA",
                        idB + ">" + (-idB) + ":B>notB", idB + ">0:done:B");
                clientA.assertExits(RUN);
                await().atMost(Duration.ofSeconds(10)).until(() -> gameA.packets.size() == 4);
                assertThat(gameA.packets).containsExactly(idA + ">0:A>all", idA + ">" + (-idB) + ":A>notB",
                        idA + ">" + (-idA) + ":A>notA", idA + ">0:done:A");
            }
        }
    }

    @Test
    void anRpcFromAGodotClientOnOneNodeReachesAGodotClientOnAnother() throws Exception {
        String onA = ClusterRelayTest.mp(a).toString();
        String onB = ClusterRelayTest.mp(b).toString();
        try (PeerProcess receiver = Godot.start("rpc-receiver", "relay_rpc.gd",
                Map.of("MP_URL", onA, "MP_ROLE", "receiver", "MP_TIMEOUT", "40"))) {
            String receiverId = receiver.awaitLine((l) -> l.startsWith("RESULT receiver id "), RUN).substring(19);
            await().atMost(Duration.ofSeconds(20))
                .until(() -> ClusterNodes.node(b).nodeOf(Integer.parseInt(receiverId)) != null);
            try (PeerProcess sender = Godot.start("rpc-sender", "relay_rpc.gd",
                    Map.of("MP_URL", onB, "MP_ROLE", "sender", "MP_TIMEOUT", "40"))) {
                String senderId = sender.awaitLine((l) -> l.startsWith("RESULT sender id "), RUN).substring(17);
                sender.awaitLine(("RESULT sender called " + receiverId)::equals, RUN);
                receiver.awaitLine(("RESULT receiver got hi from " + senderId + " from " + senderId)::equals, RUN);
                sender.awaitLine("RESULT sender saw-receiver-leave"::equals, RUN);
                sender.assertExits(RUN);
            }
            receiver.assertExits(RUN);
        }
    }

    /** The packets a client printed, without its name. */
    static List<String> logs(PeerProcess client, String name) {
        String prefix = "LOG " + name + " ";
        return client.lines()
            .stream()
            .filter((l) -> l.startsWith(prefix))
            .map((l) -> l.substring(prefix.length()))
            .toList();
    }

}
