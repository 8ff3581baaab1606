package io.peersocket.multiplayer.rpc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@link MultiplayerApi} of each relay endpoint that serves {@link RemoteNode} beans:
 * inject it when there are several relay endpoints (with one, inject the
 * {@link MultiplayerApi} itself).
 */
public interface MultiplayerApis {

    /**
     * @param relayPath a relay endpoint's path
     * @return its MultiplayerAPI, or {@code null} when no {@link RemoteNode} bean is
     * bound to it
     */
    @Nullable MultiplayerApi get(String relayPath);

    /**
     * @return every relay's MultiplayerAPI
     */
    List<MultiplayerApi> all();

}
