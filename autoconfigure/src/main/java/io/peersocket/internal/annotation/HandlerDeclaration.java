package io.peersocket.internal.annotation;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

/**
 * What one server {@link PacketHandler} bean declares, with the defaults applied: its
 * path, whether it is a multiplayer relay, its subprotocols, write mode, dispatch and
 * authorities. Checks at construction what the attributes alone can tell, so that a wrong
 * combination fails startup naming the bean, the attribute and the fix before any method
 * is looked at (the methods are {@link HandlerMethodResolver}'s concern).
 *
 * @param beanName the bean, for messages
 * @param path the endpoint path (the default path when the annotation names none)
 * @param protocols the subprotocols the annotation names; empty for the defaults
 * @param writeMode the write mode the annotation asks for, or {@code null} for the
 * default
 * @param multiplayer whether the endpoint is a multiplayer relay (by the annotation or
 * because its path is {@code peersocket.server.multiplayer.path})
 * @param blocking whether the handler's methods may block
 * @param authorities the authorities a client needs, any one of them; empty for none
 */
record HandlerDeclaration(String beanName, String path, List<String> protocols, @Nullable WriteMode writeMode,
        boolean multiplayer, boolean blocking, Set<String> authorities) {

    HandlerDeclaration {
        protocols = List.copyOf(protocols);
        authorities = Set.copyOf(authorities);
        if (!path.startsWith("/")) {
            throw new IllegalStateException(
                    "@PacketHandler bean '" + beanName + "': path '" + path + "' must start with '/'");
        }
        if (multiplayer) {
            String prefix = "@PacketHandler bean '" + beanName + "' is the multiplayer relay at " + path;
            if (!blocking) {
                throw new IllegalStateException(prefix + " and says blocking = false, which applies to plain "
                        + "endpoints only: the relay routes on the I/O thread already and its peer 1 runs on handler "
                        + "threads");
            }
            if (!protocols.isEmpty()) {
                throw new IllegalStateException(prefix + " but names subprotocols " + protocols
                        + ": the relay protocol selects none (the engine neither asks for nor selects one)");
            }
            if (writeMode != null && writeMode != WriteMode.BINARY) {
                throw new IllegalStateException(
                        prefix + " but asks for write mode " + writeMode + ": relay messages are binary frames only");
            }
        }
    }

    /**
     * Reads a server handler's annotation.
     * @param beanName the bean
     * @param annotation its annotation (no {@code client})
     * @param defaultPath {@code peersocket.server.path}
     * @param multiplayerPath {@code peersocket.server.multiplayer.path}, or {@code null}
     * @return the declaration
     * @throws IllegalStateException when the attributes do not go together
     */
    static HandlerDeclaration of(String beanName, PacketHandler annotation, String defaultPath,
            @Nullable String multiplayerPath) {
        String path = pathOf(annotation, defaultPath);
        return new HandlerDeclaration(beanName, path, Arrays.asList(annotation.protocols()),
                (annotation.writeMode().length > 0) ? annotation.writeMode()[0] : null,
                isRelay(annotation, path, multiplayerPath), annotation.blocking(), Set.of(annotation.authorities()));
    }

    /**
     * Whether a handler's path is a relay, from its annotation alone and without any
     * check: what a condition may ask before the beans exist.
     * @param annotation the handler's annotation
     * @param defaultPath {@code peersocket.server.path}
     * @param multiplayerPath {@code peersocket.server.multiplayer.path}, or {@code null}
     * @return the relay's path, or {@code null} for a plain endpoint
     */
    static @Nullable String relayPath(PacketHandler annotation, String defaultPath, @Nullable String multiplayerPath) {
        String path = pathOf(annotation, defaultPath);
        return isRelay(annotation, path, multiplayerPath) ? path : null;
    }

    /**
     * @param defaultProtocols {@code peersocket.server.protocols}
     * @return the subprotocols this handler serves; {@code ""} alone for none
     */
    List<String> protocolsOr(List<String> defaultProtocols) {
        List<String> offered = this.protocols.isEmpty() ? defaultProtocols : this.protocols;
        return offered.isEmpty() ? List.of("") : offered;
    }

    /**
     * @return whether the annotation says more than its methods: dispatch or authorities
     * the endpoint must apply around the listener
     */
    boolean wrapsListener() {
        return !this.blocking || !this.authorities.isEmpty();
    }

    private static String pathOf(PacketHandler annotation, String defaultPath) {
        return annotation.path().isEmpty() ? defaultPath : annotation.path();
    }

    private static boolean isRelay(PacketHandler annotation, String path, @Nullable String multiplayerPath) {
        return annotation.multiplayer() || path.equals(multiplayerPath);
    }

}
