package io.peersocket.multiplayer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The server's relay endpoints by path. */
public final class RelayServers {

    private final Map<String, RelayServer> byPath = new LinkedHashMap<>();

    /**
     * @param relays the server's relays, as they were built
     */
    public RelayServers(List<RelayServer> relays) {
        for (RelayServer relay : relays) {
            this.byPath.put(relay.path(), relay);
        }
    }

    /**
     * @param path an endpoint's path
     * @return its relay, or {@code null} when there is none at that path
     */
    public @Nullable RelayServer get(String path) {
        return this.byPath.get(path);
    }

    /**
     * @return the only relay endpoint
     * @throws IllegalStateException when there is none or more than one
     */
    public RelayServer only() {
        if (this.byPath.size() != 1) {
            throw new IllegalStateException((this.byPath.isEmpty()
                    ? "There is no multiplayer relay endpoint: annotate a handler with @PacketHandler(path = ..., "
                            + "multiplayer = true) or set peersocket.server.multiplayer.path"
                    : "There are " + this.byPath.size() + " multiplayer relay endpoints " + this.byPath.keySet()
                            + ": inject RelayServers and choose one with get(path)"));
        }
        return this.byPath.values().iterator().next();
    }

    /**
     * @return every relay
     */
    public List<RelayServer> all() {
        return new ArrayList<>(this.byPath.values());
    }

}
