package io.peersocket.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import io.peersocket.bench.run.BenchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the harness from rotting: every scenario against every server for a second or so (tiny
 * counts), the report and the chart written to {@code target/smoke}. Asserts only what is not
 * timing: every server started, every message came back intact, nothing was lost. Runs with
 * {@code -Dbench.smoke=true}; Node's {@code ws} must be installed in {@code target/node} and
 * {@code godot3-server} on the PATH, else those servers are skipped (or, with
 * {@code peersocket.peers.required=true}, the test fails).
 */
@EnabledIfSystemProperty(named = "bench.smoke", matches = "true")
class BenchmarkSmokeTest {

    @Test
    void everyScenarioRunsAgainstEveryServerAndEveryMessageArrivesIntact() throws Exception {
        Path home = Path.of("").toAbsolutePath();
        Path out = home.resolve("target/smoke");
        int problems = BenchMain.run(home, out, true, null, Boolean.getBoolean("peersocket.peers.required"));
        String report = Files.readString(out.resolve("benchmarks.md"));
        assertThat(problems).as("samples with problems; see target/smoke/benchmarks.md:%n%s", report).isZero();
        assertThat(out.resolve("benchmarks.png")).isNotEmptyFile();
        assertThat(report).contains("## Echo", "## Broadcast", "## Multiplayer relay", "## Remote calls (MultiplayerAPI)",
                "## Game loop", "## Connection churn", "## Idle capacity", "## Cluster on Redis", "### Cross-node echo",
                "### Redis commands per group send", "### redis-benchmark");
    }

}
