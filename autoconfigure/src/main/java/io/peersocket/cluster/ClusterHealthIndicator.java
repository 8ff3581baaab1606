package io.peersocket.cluster;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The cluster link's health, as actuator's {@code peersocketCluster} contributor:
 * {@code UP} while Redis answers, {@code DOWN} with the reason otherwise (local peers are
 * still served; packets for other nodes wait up to the outage window). Details: the node,
 * the other nodes, the peers of the cluster, the messages waiting, lost, duplicated and
 * unreadable.
 */
public class ClusterHealthIndicator extends AbstractHealthIndicator {

    private final ClusterNode cluster;

    /**
     * @param cluster this node
     */
    public ClusterHealthIndicator(ClusterNode cluster) {
        super("peersocket cluster health check failed");
        this.cluster = cluster;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String reason = this.cluster.linkDownReason();
        if (reason == null) {
            builder.up();
        }
        else {
            builder.down().withDetail("reason", "Redis unreachable: " + reason);
        }
        builder.withDetail("node", this.cluster.nodeId())
            .withDetail("joined", this.cluster.joined())
            .withDetail("otherNodes", this.cluster.otherNodes())
            .withDetail("remotePeers", this.cluster.remotePeers().size())
            .withDetail("queuedMessages", this.cluster.queuedMessages())
            .withDetail("lostMessages", this.cluster.lostMessages())
            .withDetail("duplicateMessages", this.cluster.duplicateMessages())
            .withDetail("malformedMessages", this.cluster.malformedMessages());
    }

}
