package io.peersocket.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the cluster ({@code peersocket.cluster.*}); Redis itself is configured with Spring
 * Boot's own {@code spring.data.redis.*}.
 */
@ConfigurationProperties("peersocket.cluster")
public class PeerSocketClusterProperties {

    /**
     * Whether this instance joins the other instances that share its Redis (and key prefix) as one
     * server. Needs Spring Data Redis (spring-boot-data-redis) on the classpath.
     */
    private boolean enabled;

    /**
     * This instance's node name, unique in the cluster (letters, digits, '.', '_', '-'). Generated
     * (host name and a random suffix) when not set.
     */
    private @Nullable String nodeId;

    /**
     * The prefix of every Redis key of the cluster; instances with different prefixes on one Redis
     * are different clusters.
     */
    private String keyPrefix = "peersocket";

    /**
     * How long a node may stay silent before the others forget it and its peers (a node killed
     * without shutting down). Nodes send a heartbeat every fifth of it.
     */
    private Duration nodeTimeout = Duration.ofSeconds(10);

    /**
     * How long packets for other nodes wait while Redis is unreachable; past it they are dropped
     * (counted and logged) and sends to peers of other nodes return ERR_UNAVAILABLE until Redis is
     * back.
     */
    private Duration outageWindow = Duration.ofSeconds(30);

    /**
     * The most bytes of packets for other nodes that may wait while Redis is unreachable; past it
     * new ones are refused (ERR_OUT_OF_MEMORY, counted).
     */
    private DataSize outageBuffer = DataSize.ofMegabytes(32);

    /**
     * The approximate length past which a node's inbox stream in Redis is trimmed: how many
     * entries (each one message, or the messages a node sent it in one write) a node that lost
     * Redis for a while can still read when it comes back.
     */
    private long inboxLength = 100_000;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getNodeId() {
        return this.nodeId;
    }

    public void setNodeId(@Nullable String nodeId) {
        this.nodeId = nodeId;
    }

    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getNodeTimeout() {
        return this.nodeTimeout;
    }

    public void setNodeTimeout(Duration nodeTimeout) {
        this.nodeTimeout = nodeTimeout;
    }

    public Duration getOutageWindow() {
        return this.outageWindow;
    }

    public void setOutageWindow(Duration outageWindow) {
        this.outageWindow = outageWindow;
    }

    public DataSize getOutageBuffer() {
        return this.outageBuffer;
    }

    public void setOutageBuffer(DataSize outageBuffer) {
        this.outageBuffer = outageBuffer;
    }

    public long getInboxLength() {
        return this.inboxLength;
    }

    public void setInboxLength(long inboxLength) {
        this.inboxLength = inboxLength;
    }

}
