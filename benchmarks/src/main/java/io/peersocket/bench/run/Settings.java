package io.peersocket.bench.run;

import java.time.Duration;
import java.util.List;

/** How long and how big: the full run, or the CI smoke (every scenario for seconds, small counts). */
final class Settings {

    final boolean smoke;

    int rounds = 3;

    Duration warmup = Duration.ofMillis(800);

    Duration measure = Duration.ofMillis(2000);

    /** The game loop's window: 360 ticks at 60 Hz, so that its p99 is not just the second-worst tick. */
    Duration gameMeasure = Duration.ofMillis(6000);

    /** Echo scenarios: connections, in flight per connection, size, text. */
    record Echo(String key, int connections, int inFlight, int size, boolean text) {
    }

    List<Echo> echoes = List.of(new Echo("echo-64B-100x16", 100, 16, 64, true),
            new Echo("echo-64B-1000x1", 1000, 1, 64, true),
            new Echo("echo-16KiB-100x16", 100, 16, 16384, false));

    List<Integer> broadcastPeers = List.of(1000, 10000);

    int broadcasts = 10;

    int broadcastWindow = 4;

    int relayPeers = 100;

    int relayHz = 10;

    int relayWindow = 4;

    /** Remote calls: Godot clients, each with this many calls outstanding. */
    int rpcPeers = 200;

    int rpcWindow = 4;

    int gamePeers = 1000;

    int gameRate = 30;

    int churnConcurrency = 16;

    int idlePeers;

    /** Cluster: the group of the broadcast, split over two nodes or on one. */
    int clusterBroadcastPeers = 10_000;

    /** Cluster: sender/echoer pairs of the cross-node echo, and the echoes a second of them all. */
    int clusterEchoPairs = 10;

    int clusterEchoRate = 5000;

    Duration clusterEchoMeasure = Duration.ofMillis(5000);

    /** Cluster: group sizes (over every node) whose Redis commands per send are counted, and sends counted. */
    List<Integer> clusterMembers = List.of(100, 1000);

    int clusterCommandSends = 100;

    Settings(boolean smoke, long maxFiles) {
        this.smoke = smoke;
        // Each idle peer is one socket in the server and one in the load generator, both under the limit.
        this.idlePeers = (int) Math.max(100, Math.min(50_000, maxFiles - 1000));
        // For experiments: more or longer rounds on a busy machine (-Dbench.rounds=6 -Dbench.measureMs=4000).
        this.rounds = Integer.getInteger("bench.rounds", this.rounds);
        this.warmup = Duration.ofMillis(Long.getLong("bench.warmupMs", this.warmup.toMillis()));
        this.measure = Duration.ofMillis(Long.getLong("bench.measureMs", this.measure.toMillis()));
        if (smoke) {
            this.rounds = 1;
            this.warmup = Duration.ofMillis(300);
            this.measure = Duration.ofMillis(700);
            this.gameMeasure = Duration.ofMillis(700);
            this.echoes = List.of(new Echo("echo-64B-100x16", 10, 4, 64, true),
                    new Echo("echo-64B-1000x1", 20, 1, 64, true),
                    new Echo("echo-16KiB-100x16", 5, 4, 16384, false));
            this.broadcastPeers = List.of(20, 100);
            this.broadcasts = 5;
            this.relayPeers = 8;
            this.rpcPeers = 8;
            this.gamePeers = 40;
            this.churnConcurrency = 4;
            this.idlePeers = 200;
            this.clusterBroadcastPeers = 100;
            this.clusterEchoPairs = 2;
            this.clusterEchoRate = 500;
            this.clusterEchoMeasure = Duration.ofMillis(700);
            this.clusterMembers = List.of(10, 40);
            this.clusterCommandSends = 10;
        }
    }

}
