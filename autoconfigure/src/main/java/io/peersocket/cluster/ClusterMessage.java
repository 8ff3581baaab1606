package io.peersocket.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One message between nodes, as written to the receiving node's inbox stream. The header
 * says the format version, the kind, the sender node, its incarnation (a new one per
 * start) and a sequence number per (sender, receiver), with which the receiver skips
 * duplicates (a batch written again after a lost connection) and counts losses (a gap:
 * Redis lost its data).
 *
 * @param kind what it is
 * @param node the sender node
 * @param incarnation the sender's start
 * @param seq the sequence number of the sender towards the receiver
 * @param body the kind's fields
 */
record ClusterMessage(Kind kind, String node, long incarnation, long seq, Body body) {

    static final int VERSION = 1;

    enum Kind {

        /**
         * The sender's local peers, replacing what the receiver knew of them; may ask for
         * the receiver's in return.
         */
        SNAPSHOT,
        /** The sender is alive. */
        HEARTBEAT,
        /** A peer connected to the sender. */
        PEER_UP,
        /** A peer of the sender left. */
        PEER_DOWN,
        /** A packet for one peer of the receiver. */
        PACKET,
        /**
         * A packet for the receiver's members of a group, or its peers of an endpoint.
         */
        GROUP,
        /** Close one peer of the receiver. */
        DISCONNECT,
        /** The sender shuts down: forget it and its peers now. */
        BYE,
        /** A multiplayer relay frame for the receiver's clients of a relay path. */
        RELAY

    }

    /** What a message carries beyond its header. */
    sealed interface Body
            permits Snapshot, Beat, PeerUp, PeerDown, PacketTo, GroupPacket, Disconnect, RelayPacket, Empty {

    }

    /**
     * @param peers the sender's peers @param replyWanted whether the receiver answers
     * with its own
     */
    record Snapshot(List<PeerUp> peers, boolean replyWanted, int prefix) implements Body {
    }

    record Beat(int prefix) implements Body {
    }

    record PeerUp(int id, String path, String host, int port) implements Body {
    }

    record PeerDown(int id) implements Body {
    }

    record PacketTo(int id, boolean text, byte[] data) implements Body {
    }

    /**
     * @param endpoint whether {@code name} is an endpoint path rather than a group @param
     * except a peer left out, or 0
     */
    record GroupPacket(String name, boolean endpoint, int except, boolean text, byte[] data) implements Body {
    }

    record Disconnect(int id, int code, String reason) implements Body {
    }

    /**
     * @param to the frame's target: a client, 0 or -N @param frame the whole relay frame
     */
    record RelayPacket(String path, int to, byte[] frame) implements Body {
    }

    record Empty() implements Body {
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(this.kind.ordinal());
            out.writeUTF(this.node);
            out.writeLong(this.incarnation);
            out.writeLong(this.seq);
            if (this.body instanceof Snapshot s) {
                out.writeBoolean(s.replyWanted());
                out.writeInt(s.prefix());
                out.writeInt(s.peers().size());
                for (PeerUp peer : s.peers()) {
                    writePeer(out, peer);
                }
            }
            else if (this.body instanceof Beat b) {
                out.writeInt(b.prefix());
            }
            else if (this.body instanceof PeerUp p) {
                writePeer(out, p);
            }
            else if (this.body instanceof PeerDown d) {
                out.writeInt(d.id());
            }
            else if (this.body instanceof PacketTo p) {
                out.writeInt(p.id());
                out.writeBoolean(p.text());
                out.writeInt(p.data().length);
                out.write(p.data());
            }
            else if (this.body instanceof GroupPacket g) {
                out.writeUTF(g.name());
                out.writeBoolean(g.endpoint());
                out.writeInt(g.except());
                out.writeBoolean(g.text());
                out.writeInt(g.data().length);
                out.write(g.data());
            }
            else if (this.body instanceof RelayPacket r) {
                out.writeUTF(r.path());
                out.writeInt(r.to());
                out.writeInt(r.frame().length);
                out.write(r.frame());
            }
            else if (this.body instanceof Disconnect d) {
                out.writeInt(d.id());
                out.writeShort(d.code());
                out.writeUTF(d.reason());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    private static void writePeer(DataOutputStream out, PeerUp peer) throws IOException {
        out.writeInt(peer.id());
        out.writeUTF(peer.path());
        out.writeUTF(peer.host());
        out.writeInt(peer.port());
    }

    /**
     * @param data a message as read from an inbox
     * @return the message
     * @throws MalformedMessageException when it is not one of this version
     */
    static ClusterMessage decode(byte[] data) throws MalformedMessageException {
        if (data.length < 2) {
            throw new MalformedMessageException("too short (" + data.length + " bytes)");
        }
        if (data[0] != VERSION) {
            throw new MalformedMessageException("unknown version " + (data[0] & 0xff));
        }
        Kind[] kinds = Kind.values();
        int ordinal = data[1] & 0xff;
        if (ordinal >= kinds.length) {
            throw new MalformedMessageException("unknown kind " + ordinal);
        }
        Kind kind = kinds[ordinal];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 2, data.length - 2))) {
            String node = in.readUTF();
            long incarnation = in.readLong();
            long seq = in.readLong();
            Body body = switch (kind) {
                case SNAPSHOT -> {
                    boolean reply = in.readBoolean();
                    int prefix = in.readInt();
                    int count = in.readInt();
                    if (count < 0 || count > data.length) {
                        throw new MalformedMessageException("bad peer count " + count);
                    }
                    List<PeerUp> peers = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        peers.add(readPeer(in));
                    }
                    yield new Snapshot(peers, reply, prefix);
                }
                case HEARTBEAT -> new Beat(in.readInt());
                case PEER_UP -> readPeer(in);
                case PEER_DOWN -> new PeerDown(in.readInt());
                case PACKET -> new PacketTo(in.readInt(), in.readBoolean(), readBytes(in, data.length));
                case GROUP -> new GroupPacket(in.readUTF(), in.readBoolean(), in.readInt(), in.readBoolean(),
                        readBytes(in, data.length));
                case DISCONNECT -> new Disconnect(in.readInt(), in.readUnsignedShort(), in.readUTF());
                case BYE -> new Empty();
                case RELAY -> new RelayPacket(in.readUTF(), in.readInt(), readBytes(in, data.length));
            };
            if (in.available() > 0) {
                throw new MalformedMessageException(in.available() + " trailing bytes after a " + kind);
            }
            return new ClusterMessage(kind, node, incarnation, seq, body);
        }
        catch (IOException ex) {
            throw new MalformedMessageException("truncated " + kind + " (" + data.length + " bytes)");
        }
    }

    private static PeerUp readPeer(DataInputStream in) throws IOException {
        return new PeerUp(in.readInt(), in.readUTF(), in.readUTF(), in.readInt());
    }

    private static byte[] readBytes(DataInputStream in, int bound) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > bound) {
            throw new IOException("bad length " + length);
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return data;
    }

    /** A message this node cannot read: garbage, or a format version it does not know. */
    static final class MalformedMessageException extends Exception {

        MalformedMessageException(String message) {
            super(message);
        }

    }

}
