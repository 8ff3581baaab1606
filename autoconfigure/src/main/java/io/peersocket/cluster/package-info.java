/**
 * Several instances acting as one server through Redis: cluster-unique peer ids, peers of
 * other instances reachable through {@link io.peersocket.server.PeerSocketServer}, groups
 * across instances, node heartbeats and timeouts, and delivery that survives a short
 * Redis outage. See docs/cluster.md.
 */
@NullMarked
package io.peersocket.cluster;

import org.jspecify.annotations.NullMarked;
