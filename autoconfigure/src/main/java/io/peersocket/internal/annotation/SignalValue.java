package io.peersocket.internal.annotation;

import java.security.Principal;
import java.util.List;
import java.util.function.Function;

import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.HandshakeInfo;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

/**
 * One value a signal carries, that a handler method parameter can take: its Java type,
 * the parameter names that select it, and where it comes from. A parameter whose type
 * matches one value of its signal binds to it whatever its name; when the type matches
 * several (two {@code int}s: {@code id} and {@code code}, or {@code from} and {@code to})
 * the name decides, and a name that matches none of them fails at startup: guessing by
 * position would hand the wrong number to the method without a word.
 */
enum SignalValue {

    PEER(Peer.class, "Peer", List.of(), SignalContext::peer),

    RELAY(RelayServer.class, "RelayServer", List.of(), SignalContext::relay),

    ID(int.class, "int id", List.of("id", "peerId"), (c) -> c.peer().id()),

    /**
     * The source of a relayed packet: the same number as {@link #ID}, under the relay's
     * name.
     */
    FROM(int.class, "int from", List.of("from", "source", "id", "peerId"), (c) -> c.peer().id()),

    TO(int.class, "int to", List.of("to", "target"), SignalContext::target),

    CODE(int.class, "int code", List.of("code", "closeCode"), SignalContext::code),

    REASON(String.class, "String reason", List.of(), SignalContext::reason),

    PROTOCOL(String.class, "String protocol", List.of(), SignalContext::protocol),

    WAS_CLEAN(boolean.class, "boolean wasClean", List.of(), SignalContext::wasClean),

    WAS_STRING(boolean.class, "boolean wasString", List.of(), (c) -> c.requiredPacket().string()),

    ERROR(Throwable.class, "the Throwable", List.of(), SignalContext::error),

    HANDSHAKE(HandshakeInfo.class, "HandshakeInfo", List.of(), (c) -> c.peer().handshake()),

    PRINCIPAL(Principal.class, "Principal (null when unauthenticated)", List.of(),
            (c) -> c.peer().handshake().principal());

    private final Class<?> type;

    private final String description;

    private final List<String> names;

    private final Function<SignalContext, @Nullable Object> argument;

    SignalValue(Class<?> type, String description, List<String> names,
            Function<SignalContext, @Nullable Object> argument) {
        this.type = type;
        this.description = description;
        this.names = names;
        this.argument = argument;
    }

    /**
     * @param parameterType a method parameter's type
     * @return whether this value can be passed to it
     */
    boolean fits(Class<?> parameterType) {
        if (this.type == Throwable.class) {
            return Throwable.class.isAssignableFrom(parameterType);
        }
        return parameterType == this.type || parameterType == boxed(this.type);
    }

    /**
     * @return the parameter names that select this value among others of its type
     */
    List<String> names() {
        return this.names;
    }

    /**
     * @return the type and name as the documentation writes them, e.g. {@code int code}
     */
    String description() {
        return this.description;
    }

    Function<SignalContext, @Nullable Object> argument() {
        return this.argument;
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }

}
