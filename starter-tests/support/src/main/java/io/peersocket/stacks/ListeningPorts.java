package io.peersocket.stacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP ports this JVM listens on, read from Linux's {@code /proc}: the sockets among
 * this process's file descriptors that are in the LISTEN state. This is what a port clash
 * or an unexpected web server would show, whoever opened the port.
 */
public final class ListeningPorts {

    private static final String LISTEN = "0A";

    private ListeningPorts() {
    }

    /**
     * @return whether the ports can be read here (Linux)
     */
    public static boolean readable() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /**
     * @return the ports this process listens on, IPv4 and IPv6
     */
    public static SortedSet<Integer> ofThisProcess() {
        Set<String> inodes = socketInodes();
        SortedSet<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            try {
                // One read: the table changes as sockets come and go.
                List<String> lines = Files.readAllLines(path);
                for (String line : lines.subList(1, lines.size())) {
                    String[] columns = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout
                    // inode
                    if (columns.length > 9 && LISTEN.equals(columns[3]) && inodes.contains(columns[9])) {
                        String local = columns[1];
                        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot read " + table, ex);
            }
        }
        return ports;
    }

    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach((fd) -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                }
                catch (IOException ex) {
                    // closed meanwhile (the listing's own descriptor among them)
                }
            });
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot list /proc/self/fd", ex);
        }
        return inodes;
    }

}
