package io.peersocket.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the signal methods of a {@link PacketHandler} class and decides, once, where each
 * parameter comes from, by type and then by name. What cannot be resolved fails at startup
 * with a message that names the bean, the method and the parameter.
 */
final class HandlerMethodResolver {

    private final String beanName;

    private final @Nullable PayloadConverter converter;

    HandlerMethodResolver(String beanName, @Nullable PayloadConverter converter) {
        this.beanName = beanName;
        this.converter = converter;
    }

    Map<Signal, HandlerMethod> resolve(Class<?> type, Supplier<Object> bean) {
        Map<Signal, HandlerMethod> methods = new EnumMap<>(Signal.class);
        ReflectionUtils.doWithMethods(type, (method) -> {
            for (Signal signal : Signal.values()) {
                if (AnnotatedElementUtils.hasAnnotation(method, signal.annotation())) {
                    HandlerMethod previous = methods.put(signal, bind(signal, method, bean));
                    if (previous != null && !previous.method().equals(method)) {
                        throw fail(method, "has a second " + signal.label() + " method besides "
                                + previous.method().getName() + "; keep one");
                    }
                }
            }
        }, ReflectionUtils.USER_DECLARED_METHODS);
        return methods;
    }

    @SuppressWarnings("unchecked")
    private HandlerMethod bind(Signal signal, Method method, Supplier<Object> bean) {
        VariantArguments.checkParameters(method, (problem) -> fail(method, problem));
        Parameter[] parameters = method.getParameters();
        Function<SignalContext, @Nullable Object>[] arguments = new Function[parameters.length];
        boolean takesPayload = false;
        int intsSeen = 0;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> type = parameter.getType();
            String name = parameter.isNamePresent() ? parameter.getName() : "";
            Function<SignalContext, @Nullable Object> argument;
            if (type == Peer.class) {
                argument = SignalContext::peer;
            }
            else if (type == RelayServer.class && signal.multiplayer()) {
                argument = SignalContext::relay;
            }
            else if ((type == int.class || type == Integer.class) && signal == Signal.PEER_PACKET) {
                boolean isTarget = name.equals("to") || name.equals("target") || (name.isEmpty() && intsSeen == 1);
                argument = isTarget ? SignalContext::target : (c) -> c.peer().id();
                intsSeen++;
            }
            else if (type == int.class || type == Integer.class) {
                boolean isCode = signal == Signal.CLOSE_REQUEST && (name.equals("code") || (name.isEmpty() && intsSeen == 1));
                // server_close_request(code, reason) has no id: its int is the code unless named id.
                isCode |= signal == Signal.SERVER_CLOSE_REQUEST && !name.equals("id");
                argument = isCode ? SignalContext::code : (c) -> c.peer().id();
                intsSeen++;
            }
            else if ((type == boolean.class || type == Boolean.class)
                    && (signal == Signal.DISCONNECTED || signal == Signal.CONNECTION_CLOSED)) {
                argument = SignalContext::wasClean;
            }
            else if ((type == boolean.class || type == Boolean.class) && signal == Signal.DATA) {
                argument = (c) -> c.packet().string();
            }
            else if (type == String.class && (signal == Signal.CONNECTED || signal == Signal.CONNECTION_ESTABLISHED)) {
                argument = SignalContext::protocol;
            }
            else if (type == String.class && (signal == Signal.CLOSE_REQUEST || signal == Signal.SERVER_CLOSE_REQUEST)) {
                argument = SignalContext::reason;
            }
            else if (Throwable.class.isAssignableFrom(type) && (signal == Signal.ERROR || signal == Signal.CONNECTION_ERROR)) {
                argument = SignalContext::error;
            }
            else if ((signal == Signal.DATA || signal == Signal.PEER_PACKET)
                    && (argument = payloadArgument(method, parameter, type)) != null) {
                takesPayload = true;
            }
            else {
                throw fail(method, "has parameter '" + parameter.getName() + "' of type " + type.getName()
                        + " that " + signal.label() + " cannot supply (it supplies " + supplies(signal) + ")");
            }
            arguments[i] = argument;
        }
        return new HandlerMethod(bean, method, arguments, takesPayload);
    }

    private @Nullable Function<SignalContext, @Nullable Object> payloadArgument(Method method, Parameter parameter,
            Class<?> type) {
        Function<SignalContext, @Nullable Object> variant = VariantArguments.argument(parameter, type);
        if (variant != null) {
            return variant;
        }
        if (type == byte[].class) {
            return (c) -> c.packet().data();
        }
        if (type == ByteBuffer.class) {
            return (c) -> ByteBuffer.wrap(c.packet().data());
        }
        if (type == String.class || type == CharSequence.class) {
            return (c) -> c.packet().text();
        }
        if (type == Packet.class) {
            return SignalContext::packet;
        }
        if (type.isPrimitive() || type.getName().startsWith("java.")) {
            return null;
        }
        PayloadConverter json = this.converter;
        if (json == null) {
            throw fail(method, "reads its packet as " + type.getName() + " but there is no JSON mapper bean; add "
                    + "spring-boot-starter-jackson or take byte[] or String");
        }
        return (c) -> json.read(c.packet().data(), type);
    }

    private static String supplies(Signal signal) {
        return switch (signal) {
            case CONNECTED -> "Peer, int id, String protocol";
            case DATA -> "Peer, int id, boolean wasString, and the payload as byte[], ByteBuffer, String, Packet, "
                    + "a Variant type (@VariantPayload) or a JSON type";
            case CLOSE_REQUEST -> "Peer, int id, int code, String reason";
            case DISCONNECTED -> "Peer, int id, boolean wasClean";
            case ERROR -> "the Throwable, Peer, int id";
            case CONNECTION_ESTABLISHED -> "Peer, int id, String protocol";
            case SERVER_CLOSE_REQUEST -> "Peer, int code, String reason";
            case CONNECTION_CLOSED -> "Peer, int id, boolean wasClean";
            case CONNECTION_ERROR -> "the Throwable, Peer";
            case PEER_CONNECTED, PEER_DISCONNECTED -> "int id, Peer, RelayServer";
            case PEER_PACKET -> "int from, int to, Peer (the source), RelayServer, and the payload as byte[], ByteBuffer, "
                    + "String, Packet, a Variant type (@VariantPayload) or a JSON type";
        };
    }

    private IllegalStateException fail(Method method, String problem) {
        return new IllegalStateException("@PacketHandler bean '" + this.beanName + "': method "
                + method.getDeclaringClass().getSimpleName() + "." + method.getName() + " " + problem);
    }

}
