package io.peersocket.internal.multiplayer;

/**
 * Node paths as the engine's MultiplayerAPI sends them: relative to the scene tree's root
 * ({@code /root}), so that {@code /root/Lobby} travels as {@code "Lobby"}.
 */
final class NodePaths {

    private static final String ROOT = "/root";

    private NodePaths() {
    }

    /**
     * @param path an absolute path under {@code /root} or a path relative to it
     * @return the path relative to {@code /root}, without a trailing slash
     * @throws IllegalArgumentException for an empty path, the root itself, or an absolute
     * path outside {@code /root}
     */
    static String relative(String path) {
        String trimmed = path.strip();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.startsWith("/")) {
            if (!trimmed.startsWith(ROOT + "/")) {
                throw new IllegalArgumentException("node path '" + path + "' is not under " + ROOT
                        + " (the engine sends paths relative to the scene tree's root)");
            }
            trimmed = trimmed.substring(ROOT.length() + 1);
        }
        if (trimmed.isEmpty() || trimmed.equals(".")) {
            throw new IllegalArgumentException("node path '" + path + "' names the tree's root, which the engine "
                    + "never sends remote calls to");
        }
        return trimmed;
    }

    /**
     * A path a client sent, made comparable with {@link #relative(String)}.
     * @param path the path as received
     * @return the relative path, or the input when it cannot be one (it then matches no
     * node)
     */
    static String received(String path) {
        try {
            return relative(path);
        }
        catch (IllegalArgumentException ex) {
            return path;
        }
    }

}
