package io.peersocket.internal.annotation;

import java.util.Arrays;
import java.util.List;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code @PacketHandler(client = "<name>")} bean declares. Checks at
 * construction what the attributes alone can tell: a client handler names no path or
 * protocols (the connection's properties give them) and cannot be non-blocking, each
 * failure naming the bean, the attribute and the property to set instead. Whether the
 * connection is configured is the scan's question, not the annotation's.
 *
 * @param beanName the bean, for messages
 * @param client the connection name ({@code peersocket.client.connections.<name>})
 * @param path the path the annotation names; must be empty
 * @param protocols the protocols the annotation names; must be empty
 * @param writeMode the write mode it asks for, or {@code null} for the connection's
 * @param blocking whether the annotation leaves {@code blocking} as it is; must be
 * {@code true}
 */
record ClientHandlerDeclaration(String beanName, String client, String path, List<String> protocols,
        @Nullable WriteMode writeMode, boolean blocking) {

    ClientHandlerDeclaration {
        protocols = List.copyOf(protocols);
        if (!path.isEmpty() || !protocols.isEmpty()) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' handles client '" + client
                    + "' and must not name a path or protocols: set peersocket.client.connections." + client
                    + ".url and .protocols instead");
        }
        if (!blocking) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' handles client '" + client
                    + "' and says blocking = false, which applies to server endpoints only: a client's signals "
                    + "run on its handler threads (peersocket.client.handler-threads) or in poll()");
        }
    }

    /**
     * Reads a client handler's annotation.
     * @param beanName the bean
     * @param annotation its annotation, with a {@code client}
     * @return the declaration
     * @throws IllegalStateException when the attributes do not go together
     */
    static ClientHandlerDeclaration of(String beanName, PacketHandler annotation) {
        return new ClientHandlerDeclaration(beanName, annotation.client(), annotation.path(),
                Arrays.asList(annotation.protocols()),
                (annotation.writeMode().length > 0) ? annotation.writeMode()[0] : null, annotation.blocking());
    }

}
