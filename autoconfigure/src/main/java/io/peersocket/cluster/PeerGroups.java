package io.peersocket.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.cluster.ClusterMessage.GroupPacket;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import io.peersocket.internal.server.DefaultPeerSocketServer;
import org.jspecify.annotations.Nullable;

/**
 * Named groups of peers (rooms) across the cluster. A peer joins and leaves groups on the
 * node it is connected to; a packet sent to a group, or to every peer of an endpoint,
 * goes to the local members at once and to each other node as one message, which delivers
 * it to its own members: each member gets it once, and the packets of one sender arrive
 * in the order it sent them. A peer leaves its groups when it disconnects.
 */
public final class PeerGroups {

    private final DefaultPeerSocketServer server;

    private final ClusterNode cluster;

    private final Map<String, Set<Integer>> members = new ConcurrentHashMap<>();

    private final Map<Integer, Set<String>> groupsOf = new ConcurrentHashMap<>();

    /**
     * @param server the server whose peers join groups
     * @param cluster the node that carries group packets to the others
     */
    public PeerGroups(DefaultPeerSocketServer server, ClusterNode cluster) {
        this.server = server;
        this.cluster = cluster;
        cluster.groups(this);
    }

    /**
     * @param peer a peer connected to this node
     * @param group the group's name
     * @throws IllegalArgumentException for a peer of another node or one no longer
     * connected
     */
    public void join(Peer peer, String group) {
        PeerSession local = this.server.runtime().registry().get(peer.id());
        if (local == null || local != peer) {
            throw new IllegalArgumentException(
                    peer + " is not connected to this node: a peer joins groups on " + "the node it is connected to");
        }
        this.groupsOf.computeIfAbsent(peer.id(), (id) -> ConcurrentHashMap.newKeySet()).add(group);
        this.members.computeIfAbsent(group, (name) -> ConcurrentHashMap.newKeySet()).add(peer.id());
        if (!local.isOpen()) {
            forget(peer.id());
        }
    }

    /**
     * @param peer a peer of this node
     * @param group the group's name
     */
    public void leave(Peer peer, String group) {
        Set<String> groups = this.groupsOf.get(peer.id());
        if (groups != null) {
            groups.remove(group);
        }
        Set<Integer> ids = this.members.get(group);
        if (ids != null) {
            ids.remove(peer.id());
        }
    }

    /**
     * @param peer a peer of this node
     * @return the groups it belongs to
     */
    public Set<String> groupsOf(Peer peer) {
        Set<String> groups = this.groupsOf.get(peer.id());
        return (groups != null) ? Set.copyOf(groups) : Set.of();
    }

    /**
     * @param group a group's name
     * @return how many peers of this node belong to it
     */
    public int localMembers(String group) {
        Set<Integer> ids = this.members.get(group);
        return (ids != null) ? ids.size() : 0;
    }

    /**
     * Sends a packet to every member of a group, on every node.
     * @param group the group
     * @param data the bytes; not copied
     * @param mode the frame type
     * @param except a peer left out (the sender, typically), or {@code null}
     * @return {@link PeerError#OK}, or {@link PeerError#ERR_UNAVAILABLE} when the other
     * nodes cannot be reached (Redis out past the outage window, or the outage buffer
     * full): then only the members of this node got it
     */
    public PeerError sendToGroup(String group, byte[] data, WriteMode mode, @Nullable Peer except) {
        return sendToGroup(group, data, mode, (except != null) ? except.id() : 0);
    }

    /**
     * As {@link #sendToGroup(String, byte[], WriteMode, Peer)}, leaving out a peer by id.
     * @param group the group
     * @param data the bytes; not copied
     * @param mode the frame type
     * @param except the id of a peer left out, or 0
     * @return as {@link #sendToGroup(String, byte[], WriteMode, Peer)}
     */
    public PeerError sendToGroup(String group, byte[] data, WriteMode mode, int except) {
        GroupPacket packet = new GroupPacket(group, false, except, mode == WriteMode.TEXT, data);
        deliverLocally(packet);
        return this.cluster.broadcast(packet) ? PeerError.OK : PeerError.ERR_UNAVAILABLE;
    }

    /**
     * Sends a packet to every peer of an endpoint, on every node.
     * @param path the endpoint's path
     * @param data the bytes; not copied
     * @param mode the frame type
     * @param except a peer left out, or {@code null}
     * @return as {@link #sendToGroup}
     */
    public PeerError sendToEndpoint(String path, byte[] data, WriteMode mode, @Nullable Peer except) {
        GroupPacket packet = new GroupPacket(path, true, (except != null) ? except.id() : 0, mode == WriteMode.TEXT,
                data);
        deliverLocally(packet);
        return this.cluster.broadcast(packet) ? PeerError.OK : PeerError.ERR_UNAVAILABLE;
    }

    void deliverLocally(GroupPacket packet) {
        WriteMode mode = packet.text() ? WriteMode.TEXT : WriteMode.BINARY;
        if (packet.endpoint()) {
            for (PeerSession peer : this.server.runtime().registry().all()) {
                if (peer.id() != packet.except() && peer.path().equals(packet.name()) && peer.isOpen()) {
                    peer.send(packet.data(), mode);
                }
            }
            return;
        }
        Set<Integer> ids = this.members.get(packet.name());
        if (ids == null) {
            return;
        }
        for (Integer id : ids) {
            if (id != packet.except()) {
                PeerSession peer = this.server.runtime().registry().get(id);
                if (peer != null && peer.isOpen()) {
                    peer.send(packet.data(), mode);
                }
            }
        }
    }

    // A peer left: out of every group.
    void forget(int id) {
        Set<String> groups = this.groupsOf.remove(id);
        if (groups != null) {
            for (String group : groups) {
                Set<Integer> ids = this.members.get(group);
                if (ids != null) {
                    // An empty group stays: removing it could lose a member joining at
                    // that moment.
                    ids.remove(id);
                }
            }
        }
    }

}
