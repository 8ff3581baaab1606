package io.peersocket.sample.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.peersocket.cluster.ClusterNode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The chat's members of every instance, for the welcome, with the {@code cluster}
 * profile. The cluster carries packets, not application state (docs/cluster.md), so the
 * chat keeps its own: each instance writes its members in a Redis hash of its own
 * ({@code peersocket-sample:chat:<node>}, peer id to name) and reads the hashes of the
 * nodes the cluster knows. The hash of a node that died is not read any more once the
 * cluster forgets it, and an instance empties its own when it first writes, so a restart
 * leaves no ghosts. Redis being unreachable costs the welcome the other instances' names,
 * never the join.
 */
final class ClusterRoster {

    private static final Log logger = LogFactory.getLog(ClusterRoster.class);

    private static final String KEY = "peersocket-sample:chat:";

    private final StringRedisTemplate redis;

    private final ClusterNode node;

    private final AtomicBoolean cleared = new AtomicBoolean();

    ClusterRoster(StringRedisTemplate redis, ClusterNode node) {
        this.redis = redis;
        this.node = node;
    }

    void joined(int id, String name) {
        try {
            if (this.cleared.compareAndSet(false, true)) {
                // What a previous run of this node left.
                this.redis.delete(KEY + this.node.nodeId());
            }
            this.redis.opsForHash().put(KEY + this.node.nodeId(), Integer.toString(id), name);
        }
        catch (DataAccessException ex) {
            logger.debug("Chat member not written to Redis: " + ex.getMessage());
        }
    }

    void left(int id) {
        try {
            this.redis.opsForHash().delete(KEY + this.node.nodeId(), Integer.toString(id));
        }
        catch (DataAccessException ex) {
            logger.debug("Chat member not removed from Redis: " + ex.getMessage());
        }
    }

    /**
     * @return the names of the members of the other instances, as far as Redis answers
     */
    List<String> otherNames() {
        List<String> names = new ArrayList<>();
        for (String other : this.node.otherNodes()) {
            try {
                this.redis.<String, String>opsForHash().values(KEY + other).forEach(names::add);
            }
            catch (DataAccessException ex) {
                logger.debug("Chat members of " + other + " not read from Redis: " + ex.getMessage());
            }
        }
        return names;
    }

}
