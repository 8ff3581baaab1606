package io.peersocket.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes, each a JVM of its own ({@link NodeProcess}), on one real Redis: what the
 * cluster promises between separate processes. A targeted send from a handler crosses
 * nodes; group and endpoint sends over 3 nodes x 300 peers reach every member exactly
 * once in each sender's order; 10,000 connects spread over the nodes get distinct,
 * positive, random-looking ids; Redis connections killed and Redis paused mid-traffic
 * lose nothing; Redis restarted with its data gone: what waited arrives and the nodes
 * register again; a node killed with SIGKILL is forgotten with its peers within the node
 * timeout. The nodes start once for the class (a JVM costs seconds to start): the tests
 * run in order, the destructive ones last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTest {

    @RegisterExtension
    static RedisServer redis = new RedisServer();

    static final String PREFIX = "processes";

    static final int PER_NODE = 300;

    static final Duration WAIT = Duration.ofSeconds(30);

    static final List<NodeProcess> nodes = new ArrayList<>();

    /** One peer per node that asks it for its {@code state}. */
    static final List<JdkClient> controls = new ArrayList<>();

    @BeforeAll
    static void startNodes() throws Exception {
        for (String node : List.of("node-1", "node-2", "node-3")) {
            nodes.add(NodeProcess.start(redis, PREFIX, node));
        }
        for (NodeProcess node : nodes) {
            node.awaitReady(Duration.ofSeconds(120));
            JdkClient control = JdkClient.connect(node.uri("/cluster"));
            id(control);
            controls.add(control);
        }
        await().atMost(WAIT)
            .until(() -> state(0).contains("nodes=node-2,node-3;") && state(1).contains("nodes=node-1,node-3;")
                    && state(2).contains("nodes=node-1,node-2;"));
    }

    @AfterAll
    static void stopNodes() {
        controls.forEach(JdkClient::abort);
        nodes.forEach(NodeProcess::close);
    }

    static int id(JdkClient client) {
        String hello = client.next(WAIT).string();
        assertThat(hello).startsWith("id:");
        return Integer.parseInt(hello.substring(3));
    }

    static JdkClient connect(int node) {
        return JdkClient.connect(nodes.get(node).uri("/cluster"));
    }

    /**
     * What node {@code n} says of the cluster; skips the endpoint packets its control
     * peer also gets.
     */
    static String state(int n) {
        JdkClient control = controls.get(n);
        control.sendText("state");
        while (true) {
            String answer = control.next(WAIT).string();
            if (answer.startsWith("state:")) {
                return answer;
            }
        }
    }

    static long stateValue(int n, String name) {
        for (String field : state(n).substring(6).split(";")) {
            if (field.startsWith(name + "=")) {
                return Long.parseLong(field.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in the state of node " + n);
    }

    static void awaitKnown(JdkClient asker, int id) {
        await().atMost(WAIT).until(() -> {
            asker.sendText("has:" + id);
            return asker.next(WAIT).string().startsWith("has:true:");
        });
    }

    @Test
    @Order(1)
    void aHandlerSendsToAPeerOfAnotherNode() throws Exception {
        JdkClient onOne = connect(0);
        JdkClient onThree = connect(2);
        try {
            int idOne = id(onOne);
            int idThree = id(onThree);
            awaitKnown(onOne, idThree);
            onOne.sendText("has:" + idThree);
            assertThat(onOne.next().string()).startsWith("has:true:127.0.0.1:");
            onOne.sendText("txt:" + idThree + ":text across JVMs");
            assertThat(onOne.next().string()).isEqualTo("sent:OK");
            JdkClient.Message text = onThree.next(WAIT);
            assertThat(text.text()).isTrue();
            assertThat(text.string()).isEqualTo("text across JVMs");
            onOne.sendText("bin:" + idThree + ":binary across JVMs");
            assertThat(onOne.next().string()).isEqualTo("sent:OK");
            JdkClient.Message binary = onThree.next(WAIT);
            assertThat(binary.text()).isFalse();
            assertThat(binary.string()).isEqualTo("binary across JVMs");
            // Both ways, 300 each, in order and once.
            awaitKnown(onThree, idOne);
            for (int i = 0; i < 300; i++) {
                onOne.sendText("txt:" + idThree + ":" + i);
                onThree.sendText("txt:" + idOne + ":" + i);
            }
            for (JdkClient client : List.of(onOne, onThree)) {
                int packets = 0;
                int answers = 0;
                for (int i = 0; i < 600; i++) {
                    String message = client.next(WAIT).string();
                    if (message.equals("sent:OK")) {
                        answers++;
                    }
                    else {
                        assertThat(message).isEqualTo(Integer.toString(packets++));
                    }
                }
                assertThat(answers).isEqualTo(300);
                assertThat(packets).isEqualTo(300);
            }
            assertThat(onThree.poll(Duration.ofMillis(200))).isNull();
            // Closed from another JVM: the peer gets the code, every node forgets it.
            onOne.sendText("kick:" + idThree);
            assertThat(onOne.next().string()).isEqualTo("kicked");
            assertThat(onThree.awaitClose().code()).isEqualTo(4000);
            await().atMost(WAIT).until(() -> {
                onOne.sendText("txt:" + idThree + ":gone?");
                return onOne.next(WAIT).string().equals("sent:ERR_UNAVAILABLE");
            });
        }
        finally {
            onOne.abort();
            onThree.abort();
        }
    }

    @Test
    @Order(2)
    void groupAndEndpointSendsReachEachOfThreeTimesThreeHundredPeersOnceInEachSendersOrder() throws Exception {
        List<JdkClient> clients = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < PER_NODE; i++) {
                    JdkClient client = connect(n);
                    clients.add(client);
                    id(client);
                    client.sendText("join:everyone");
                }
            }
            for (JdkClient client : clients) {
                assertThat(client.next(WAIT).string()).isEqualTo("joined:everyone");
            }
            // Two senders on two nodes, their packets interleaved.
            JdkClient first = clients.get(PER_NODE + 7);
            JdkClient second = clients.get(2 * PER_NODE + 11);
            for (int i = 0; i < 20; i++) {
                first.sendText("group:everyone:a g" + i);
                second.sendText("group:everyone:b g" + i);
            }
            for (int i = 0; i < 20; i++) {
                first.sendText("all:a e" + i);
                second.sendText("all:b e" + i);
            }
            List<String> sequence = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sequence.add("g" + i);
            }
            for (int i = 0; i < 20; i++) {
                sequence.add("e" + i);
            }
            for (JdkClient client : clients) {
                Map<String, List<String>> bySender = new HashMap<>();
                int expected = (client == first || client == second) ? 40 : 80;
                for (int i = 0; i < expected; i++) {
                    String[] packet = client.next(WAIT).string().split(" ", 2);
                    bySender.computeIfAbsent(packet[0], (sender) -> new ArrayList<>()).add(packet[1]);
                }
                if (client != first) {
                    assertThat(bySender.get("a")).as("the first sender's packets").isEqualTo(sequence);
                }
                if (client != second) {
                    assertThat(bySender.get("b")).as("the second sender's packets").isEqualTo(sequence);
                }
            }
            // Nothing twice, nothing to a sender of its own.
            for (JdkClient client : clients) {
                assertThat(client.poll(Duration.ofMillis(1))).isNull();
            }
            for (int n = 0; n < 3; n++) {
                assertThat(stateValue(n, "lost")).isZero();
            }
        }
        finally {
            clients.forEach(JdkClient::abort);
        }
    }

    @Test
    @Order(3)
    void tenThousandConnectsOverTheNodesGetDistinctPositiveRandomLookingIds() throws Exception {
        int rounds = 20;
        int perRound = 500;
        Map<Integer, Integer> nodeOf = new HashMap<>();
        Map<Integer, Set<Integer>> prefixes = new HashMap<>();
        int repeated = 0;
        int[] buckets = new int[16];
        int odd = 0;
        ExecutorService connecting = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<JdkClient>> connects = new ArrayList<>();
                for (int i = 0; i < perRound; i++) {
                    int node = i % 3;
                    connects.add(connecting.submit(() -> connect(node)));
                }
                List<JdkClient> open = new ArrayList<>();
                try {
                    Set<Integer> openIds = new HashSet<>();
                    for (int i = 0; i < perRound; i++) {
                        JdkClient client = connects.get(i).get();
                        open.add(client);
                        int id = id(client);
                        int node = i % 3;
                        assertThat(id).isGreaterThan(1);
                        assertThat(openIds.add(id)).as("id %d given to two open peers", id).isTrue();
                        prefixes.computeIfAbsent(node, (n) -> new HashSet<>()).add(ClusterIds.prefixOf(id));
                        Integer before = nodeOf.put(id, node);
                        if (before != null) {
                            // Ids are unique among open peers, as in the engine; a closed
                            // peer's id may come
                            // again, but only from the node that leases its prefix.
                            assertThat(before).as("id %d of node %d made again by node %d", id, before, node)
                                .isEqualTo(node);
                            repeated++;
                        }
                        buckets[id >>> 27]++;
                        odd += id & 1;
                    }
                }
                finally {
                    open.forEach(JdkClient::abort);
                }
            }
        }
        finally {
            connecting.shutdownNow();
        }
        int total = rounds * perRound;
        System.out
            .println("Ids of " + total + " connects: " + repeated + " repeated an id of a closed peer of their node");
        // Each node draws from its own prefix; the three prefixes differ.
        assertThat(prefixes.values()).allSatisfy((own) -> assertThat(own).hasSize(1));
        assertThat(new HashSet<>(prefixes.values())).hasSize(3);
        // 21 random bits a node: among ~3,333 ids of one node a few repeat (about 3
        // expected per node).
        assertThat(repeated).isLessThan(40);
        assertThat(nodeOf).hasSize(total - repeated);
        // Random-looking: spread over the whole 31-bit range and both parities, not
        // counted up.
        for (int bucket : buckets) {
            assertThat(bucket).isBetween(total / 16 / 2, total / 16 * 2);
        }
        assertThat(odd).isBetween(total * 2 / 5, total * 3 / 5);
    }

    @Test
    @Order(4)
    void redisConnectionsKilledAndRedisPausedMidTrafficLoseNothing() throws Exception {
        JdkClient onOne = connect(0);
        JdkClient onTwo = connect(1);
        JdkClient onThree = connect(2);
        try {
            id(onOne);
            int idTwo = id(onTwo);
            id(onThree);
            for (JdkClient client : List.of(onOne, onTwo)) {
                client.sendText("join:outage");
                assertThat(client.next().string()).isEqualTo("joined:outage");
            }
            awaitKnown(onOne, idTwo);
            // A targeted stream from node 1 and a group stream from node 3, both to node
            // 2.
            for (int i = 0; i < 600; i++) {
                onOne.sendText("txt:" + idTwo + ":t" + i);
                onThree.sendText("group:outage:g" + i);
                if (i == 200) {
                    assertThat(redis.command("CLIENT", "KILL", "TYPE", "normal")).doesNotStartWith("-");
                }
                if (i == 400) {
                    assertThat(redis.command("CLIENT", "PAUSE", "1500", "ALL")).startsWith("+OK");
                }
            }
            int targeted = 0;
            int group = 0;
            for (int i = 0; i < 1200; i++) {
                String packet = onTwo.next(WAIT).string();
                if (packet.startsWith("t")) {
                    assertThat(packet).isEqualTo("t" + targeted++);
                }
                else {
                    assertThat(packet).isEqualTo("g" + group++);
                }
            }
            int groupOnOne = 0;
            for (int i = 0; i < 1200; i++) {
                String message = onOne.next(WAIT).string();
                if (!message.equals("sent:OK")) {
                    assertThat(message).isEqualTo("g" + groupOnOne++);
                }
            }
            assertThat(groupOnOne).isEqualTo(600);
            assertThat(onTwo.poll(Duration.ofMillis(300))).isNull();
            for (int n = 0; n < 3; n++) {
                assertThat(stateValue(n, "lost")).isZero();
            }
        }
        finally {
            onOne.abort();
            onTwo.abort();
            onThree.abort();
        }
    }

    @Test
    @Order(4)
    void aNodeFrozenPastTheNodeTimeoutFindsWhatWasSentToItMeanwhile() throws Exception {
        JdkClient onOne = connect(0);
        JdkClient onTwo = connect(1);
        try {
            id(onOne);
            int idTwo = id(onTwo);
            awaitKnown(onOne, idTwo);
            long forgottenBefore = stateValue(0, "forgotten");
            // Node 2 stalls (as a starved JVM does) with packets for it on the way: Redis
            // takes them
            // into its inbox, and node 1 forgets it after the 3 s node timeout.
            nodes.get(1).freeze(true);
            try {
                for (int i = 0; i < 200; i++) {
                    onOne.sendText("txt:" + idTwo + ":s" + i);
                }
                for (int i = 0; i < 200; i++) {
                    assertThat(onOne.next(WAIT).string()).isEqualTo("sent:OK");
                }
                await().atMost(WAIT).until(() -> stateValue(0, "forgotten") > forgottenBefore);
            }
            finally {
                nodes.get(1).freeze(false);
            }
            // Back well within the outage window: its inbox still holds them, and it
            // reads them.
            for (int i = 0; i < 200; i++) {
                assertThat(onTwo.next(WAIT).string()).isEqualTo("s" + i);
            }
            assertThat(stateValue(1, "lost")).isZero();
            awaitKnown(onOne, idTwo);
        }
        finally {
            onOne.abort();
            onTwo.abort();
        }
    }

    @Test
    @Order(5)
    void redisRestartedWithItsDataGoneDeliversWhatWaitedAndTheNodesRegisterAgain() throws Exception {
        JdkClient onOne = connect(0);
        JdkClient onTwo = connect(1);
        try {
            id(onOne);
            int idTwo = id(onTwo);
            awaitKnown(onOne, idTwo);
            redis.kill();
            await().atMost(WAIT).until(() -> state(0).contains(";up=false;"));
            for (int i = 0; i < 20; i++) {
                onOne.sendText("txt:" + idTwo + ":waited " + i);
                assertThat(onOne.next().string()).isEqualTo("sent:OK");
            }
            redis.start();
            for (int i = 0; i < 20; i++) {
                assertThat(onTwo.next(WAIT).string()).isEqualTo("waited " + i);
            }
            await().atMost(WAIT).until(() -> redis.command("HLEN", PREFIX + ":nodes").contains(":3"));
            await().atMost(WAIT)
                .until(() -> state(0).contains(";up=true;") && state(1).contains(";up=true;")
                        && state(2).contains(";up=true;"));
            onOne.sendText("txt:" + idTwo + ":after the restart");
            assertThat(onOne.next().string()).isEqualTo("sent:OK");
            assertThat(onTwo.next(WAIT).string()).isEqualTo("after the restart");
        }
        finally {
            onOne.abort();
            onTwo.abort();
        }
    }

    @Test
    @Order(6)
    void aNodeKilledWithSigkillIsForgottenWithItsPeersWithinTheNodeTimeout() throws Exception {
        JdkClient onOne = connect(0);
        JdkClient onThree = connect(2);
        try {
            id(onOne);
            int idThree = id(onThree);
            awaitKnown(onOne, idThree);
            onOne.sendText("txt:" + idThree + ":before the kill");
            assertThat(onOne.next().string()).isEqualTo("sent:OK");
            assertThat(onThree.next(WAIT).string()).isEqualTo("before the kill");
            long forgottenBefore = stateValue(0, "forgotten");

            nodes.get(2).kill();
            // The 3 s node timeout and a heartbeat period; bounded well above both.
            await().atMost(Duration.ofSeconds(20))
                .until(() -> state(0).contains("nodes=node-2;") && state(1).contains("nodes=node-1;"));
            onOne.sendText("has:" + idThree);
            assertThat(onOne.next().string()).isEqualTo("has:false::0");
            onOne.sendText("txt:" + idThree + ":after the kill");
            assertThat(onOne.next().string()).isEqualTo("sent:ERR_UNAVAILABLE");
            assertThat(stateValue(0, "forgotten")).isEqualTo(forgottenBefore + 1);
            // What node 1 still knows of the others: node 2's control peer only.
            await().atMost(WAIT).until(() -> stateValue(0, "remote") == 1);
            // Its registry entry is gone too; its inbox expires after the outage window
            // (a node
            // only cut off from Redis would still read it on its return).
            await().atMost(WAIT).until(() -> redis.command("HEXISTS", PREFIX + ":nodes", "node-3").contains(":0"));
            await().atMost(WAIT)
                .until(() -> redis.command("PTTL", PREFIX + ":inbox:node-3").matches(":[1-9][0-9]*\\r\\n"));
        }
        finally {
            onOne.abort();
            onThree.abort();
        }
    }

}
