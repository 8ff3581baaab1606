package io.peersocket.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.Peer;
import io.peersocket.internal.server.DefaultPeerSocketServer;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The actuator endpoint {@code peersocketcluster}: the nodes of the cluster and every
 * open peer with the node it is connected to, as this node knows them (its own peers, and
 * the others' as they told it). Read-only; disconnecting stays with the
 * {@code peersocket} endpoint of the peer's node, or
 * {@code PeerSocketServer.disconnectPeer} from any node.
 */
@Endpoint(id = "peersocketcluster", defaultAccess = Access.READ_ONLY)
public class ClusterEndpoint {

    private final ClusterNode cluster;

    private final DefaultPeerSocketServer server;

    /**
     * @param cluster this node
     * @param server its server
     */
    public ClusterEndpoint(ClusterNode cluster, DefaultPeerSocketServer server) {
        this.cluster = cluster;
        this.server = server;
    }

    /**
     * @return the nodes and the peers of the cluster, by id
     */
    @ReadOperation
    public ClusterDescriptor cluster() {
        List<PeerDescriptor> peers = new ArrayList<>();
        for (PeerSession peer : this.server.runtime().registry().all()) {
            if (peer.isOpen()) {
                peers.add(describe(peer, this.cluster.nodeId()));
            }
        }
        for (Peer peer : this.cluster.remotePeers()) {
            peers.add(describe(peer, ((RemotePeer) peer).node()));
        }
        peers.sort(Comparator.comparingInt(PeerDescriptor::id));
        Set<String> nodes = new TreeSet<>(this.cluster.otherNodes());
        nodes.add(this.cluster.nodeId());
        return new ClusterDescriptor(this.cluster.nodeId(), this.cluster.linkUp(), List.copyOf(nodes), peers.size(),
                peers);
    }

    private static PeerDescriptor describe(Peer peer, String node) {
        return new PeerDescriptor(peer.id(), node, peer.path(), peer.getConnectedHost(), peer.getConnectedPort());
    }

    /**
     * @param node this node
     * @param linkUp whether Redis answers this node
     * @param nodes every node, this one included
     * @param count how many peers are open
     * @param peers the open peers of every node
     */
    public record ClusterDescriptor(String node, boolean linkUp, List<String> nodes, int count,
            List<PeerDescriptor> peers) {
    }

    /**
     * @param id the peer id
     * @param node the node it is connected to
     * @param endpoint the endpoint path
     * @param address its remote address
     * @param port its remote port
     */
    public record PeerDescriptor(int id, String node, String endpoint, String address, int port) {
    }

}
