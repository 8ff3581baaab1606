package io.peersocket.cluster;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster ids: the scrambling is a bijection of the 31-bit range (two nodes with
 * different prefixes can never make the same id), every id is positive and says its
 * node's prefix.
 */
class ClusterIdsTest {

    @Test
    void scramblingIsABijectionThatKeepsThePrefix() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 1_000_000; i++) {
            int raw = random.nextInt() & Integer.MAX_VALUE;
            int id = ClusterIds.scramble(raw);
            assertThat(id).isNotNegative();
            assertThat(ClusterIds.unscramble(id)).isEqualTo(raw);
        }
    }

    @Test
    void idsOfTenNodesAreDistinctAndNameTheirNode() {
        Set<Integer> seen = new HashSet<>();
        int duplicatesWithinANode = 0;
        for (int prefix = 0; prefix < 10; prefix++) {
            ClusterIds ids = new ClusterIds(prefix * 97);
            Set<Integer> own = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                int id = ids.getAsInt();
                assertThat(ClusterIds.prefixOf(id)).isEqualTo(prefix * 97);
                if (!own.add(id)) {
                    // The registry redraws these; they never cross nodes.
                    duplicatesWithinANode++;
                    continue;
                }
                assertThat(seen.add(id)).as("id %d of prefix %d also made by another prefix", id, prefix * 97).isTrue();
            }
        }
        assertThat(seen).hasSizeGreaterThan(100_000 - duplicatesWithinANode - 1);
    }

}
