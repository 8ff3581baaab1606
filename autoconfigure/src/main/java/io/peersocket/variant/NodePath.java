package io.peersocket.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine's {@code NodePath}: node names, then sub-names (properties, after a
 * {@code :}).
 *
 * @param names the node names, {@code "a/b"} gives {@code [a, b]}
 * @param subnames the sub-names, {@code "a:b:c"} gives {@code [b, c]}
 * @param absolute whether the path starts at the root ({@code "/root/x"})
 */
public record NodePath(List<String> names, List<String> subnames, boolean absolute) {

    /**
     * Checks that no component is null and copies the lists.
     * @param names the node names, {@code "a/b"} gives {@code [a, b]}
     * @param subnames the sub-names, {@code "a:b:c"} gives {@code [b, c]}
     * @param absolute whether the path starts at the root ({@code "/root/x"})
     */
    public NodePath {
        names = List.copyOf(names);
        subnames = List.copyOf(subnames);
    }

    /**
     * Parses a path as GDScript's {@code NodePath("a/b:c")} does for ordinary paths:
     * empty segments are dropped.
     * @param path the path text
     * @return the path
     */
    public static NodePath of(String path) {
        Objects.requireNonNull(path, "path");
        boolean absolute = path.startsWith("/");
        int colon = path.indexOf(':');
        String namePart = (colon < 0) ? path : path.substring(0, colon);
        List<String> names = segments(namePart, '/');
        List<String> subnames = (colon < 0) ? List.of() : segments(path.substring(colon + 1), ':');
        return new NodePath(names, subnames, absolute);
    }

    private static List<String> segments(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                if (i > start) {
                    parts.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /**
     * @return the path as GDScript prints it
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(this.absolute ? "/" : "");
        text.append(String.join("/", this.names));
        for (String subname : this.subnames) {
            text.append(':').append(subname);
        }
        return text.toString();
    }

}
