package io.peersocket.spi;

import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link io.peersocket.server.PeerSocketServer} looks for a peer that is not
 * connected to this instance: the extension point through which several instances act as
 * one server (see {@code io.peersocket.cluster}).
 */
@FunctionalInterface
public interface RemotePeers {

    /**
     * @param id a peer id not registered here
     * @return a handle on the peer connected to another instance, or {@code null}
     */
    @Nullable Peer find(int id);

}
