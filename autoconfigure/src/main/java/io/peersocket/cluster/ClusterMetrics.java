package io.peersocket.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.server.DefaultPeerSocketServer;

/**
 * The cluster's meters: {@code peersocket.cluster.peers} (open peers on every node, as
 * this node knows them), {@code peersocket.cluster.nodes} (nodes, this one included),
 * {@code
 * peersocket.cluster.link} (1 while Redis answers), {@code peersocket.cluster.queued} and
 * the counters {@code peersocket.cluster.messages.lost|duplicate|malformed}.
 */
public class ClusterMetrics implements MeterBinder {

    private final ClusterNode cluster;

    private final DefaultPeerSocketServer server;

    /**
     * @param cluster this node
     * @param server this node's server
     */
    public ClusterMetrics(ClusterNode cluster, DefaultPeerSocketServer server) {
        this.cluster = cluster;
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge
            .builder("peersocket.cluster.peers", this,
                    (m) -> m.server.runtime().registry().all().stream().filter(PeerSession::isOpen).count()
                            + m.cluster.remotePeers().size())
            .description("Open peers on every node of the cluster")
            .register(registry);
        Gauge.builder("peersocket.cluster.nodes", this.cluster, (c) -> c.otherNodes().size() + 1)
            .description("Nodes of the cluster, this one included")
            .register(registry);
        Gauge.builder("peersocket.cluster.link", this.cluster, (c) -> c.linkUp() ? 1 : 0)
            .description("1 while Redis answers this node")
            .register(registry);
        Gauge.builder("peersocket.cluster.queued", this.cluster, ClusterNode::queuedMessages)
            .description("Messages for other nodes waiting for Redis")
            .register(registry);
        FunctionCounter.builder("peersocket.cluster.messages", this.cluster, ClusterNode::lostMessages)
            .tag("outcome", "lost")
            .description("Messages between nodes lost (Redis outage past the window, Redis data lost)")
            .register(registry);
        FunctionCounter.builder("peersocket.cluster.messages", this.cluster, ClusterNode::duplicateMessages)
            .tag("outcome", "duplicate")
            .description("Messages between nodes read twice and skipped")
            .register(registry);
        FunctionCounter.builder("peersocket.cluster.messages", this.cluster, ClusterNode::malformedMessages)
            .tag("outcome", "malformed")
            .description("Unreadable messages between nodes, skipped")
            .register(registry);
    }

}
