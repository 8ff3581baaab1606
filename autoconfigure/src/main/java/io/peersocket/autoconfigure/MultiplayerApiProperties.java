package io.peersocket.autoconfigure;

import io.peersocket.multiplayer.rpc.MultiplayerDialect;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The engine's MultiplayerAPI on relay endpoints that serve {@code @RemoteNode} beans
 * ({@code io.peersocket.multiplayer.rpc}).
 */
@ConfigurationProperties("peersocket.server.multiplayer.api")
public class MultiplayerApiProperties {

    /**
     * Whether a client whose remote call or set is refused (unknown node, function or
     * property, a mode that forbids it, wrong arguments, a malformed packet) is also
     * closed, with 1008. Such calls are always dropped, logged at debug level and
     * counted.
     */
    private boolean strict = false;

    /**
     * How many node paths one client may announce (SIMPLIFY_PATH) to the server; one more
     * is dropped and counted. The engine keeps no limit; a game announces one per node it
     * calls the server on.
     */
    private int maxCachedPaths = 256;

    /**
     * The clients' engine: godot3 (Godot 3.x) or pandemonium (its renumbered commands, no
     * rset; peersocket.server.variant.dialect must then be pandemonium too).
     */
    private MultiplayerDialect dialect = MultiplayerDialect.GODOT3;

    public MultiplayerDialect getDialect() {
        return this.dialect;
    }

    public void setDialect(MultiplayerDialect dialect) {
        this.dialect = dialect;
    }

    public boolean isStrict() {
        return this.strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public int getMaxCachedPaths() {
        return this.maxCachedPaths;
    }

    public void setMaxCachedPaths(int maxCachedPaths) {
        if (maxCachedPaths < 1) {
            throw new IllegalArgumentException(
                    "peersocket.server.multiplayer.api.max-cached-paths must be at least 1 but was " + maxCachedPaths);
        }
        this.maxCachedPaths = maxCachedPaths;
    }

}
