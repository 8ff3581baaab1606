package io.peersocket.cluster;

import java.time.Duration;
import java.util.Map;

import io.peersocket.multiplayer.GodotProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Real Godot 3.2.3 relay clients ({@code WebSocketClient} with {@code gd_mp_api = true} and the
 * engine's MultiplayerAPI) on two different nodes: the sender, on node B, sees the receiver of
 * node A join, calls an RPC on it that arrives with the sender's id, and sees it leave. Skipped when
 * Godot is not installed, unless {@code peersocket.peers.required}.
 */
class ClusterRelayGodotTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    static final Duration RUN = Duration.ofSeconds(60);

    @Test
    void anRpcFromAGodotClientOnOneNodeReachesAGodotClientOnAnother() throws Exception {
        GodotProcess.assumeInstalled();
        try (ClusterNodes nodes = new ClusterNodes(redis, "godot-relay")) {
            ConfigurableApplicationContext a = nodes.start("node-a");
            ConfigurableApplicationContext b = nodes.start("node-b");
            await().atMost(Duration.ofSeconds(30)).until(() -> ClusterNodes.node(a).otherNodes().contains("node-b")
                    && ClusterNodes.node(b).otherNodes().contains("node-a"));
            String onA = ClusterRelayTest.mp(a).toString();
            String onB = ClusterRelayTest.mp(b).toString();
            try (GodotProcess receiver = GodotProcess.start("rpc-receiver", "relay_rpc.gd",
                    Map.of("MP_URL", onA, "MP_ROLE", "receiver", "MP_TIMEOUT", "40"))) {
                String receiverId = receiver.awaitLine((l) -> l.startsWith("RESULT receiver id "), RUN).substring(19);
                await().atMost(Duration.ofSeconds(20))
                    .until(() -> ClusterNodes.node(b).nodeOf(Integer.parseInt(receiverId)) != null);
                try (GodotProcess sender = GodotProcess.start("rpc-sender", "relay_rpc.gd",
                        Map.of("MP_URL", onB, "MP_ROLE", "sender", "MP_TIMEOUT", "40"))) {
                    String senderId = sender.awaitLine((l) -> l.startsWith("RESULT sender id "), RUN).substring(17);
                    sender.awaitLine(("RESULT sender called " + receiverId)::equals, RUN);
                    receiver.awaitLine(("RESULT receiver got hi from " + senderId + " from " + senderId)::equals, RUN);
                    sender.awaitLine("RESULT sender saw-receiver-leave"::equals, RUN);
                    sender.awaitExit(RUN);
                }
                receiver.awaitExit(RUN);
            }
        }
    }

}
