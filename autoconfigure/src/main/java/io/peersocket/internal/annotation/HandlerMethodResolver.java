package io.peersocket.internal.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PayloadConverter;
import io.peersocket.peer.Packet;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the signal methods of a {@link PacketHandler} class and decides, once, where each
 * parameter comes from: by type when one value of the signal has it
 * ({@link Signal#carries()}), by name when several do (the two {@code int}s of a close
 * request or a relayed packet), else the payload. What cannot be resolved, or only by
 * guessing, fails at startup with a message that names the bean, the method and the
 * parameter, and the fix.
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
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> type = parameter.getType();
            List<SignalValue> fitting = signal.carries().stream().filter((value) -> value.fits(type)).toList();
            Function<SignalContext, @Nullable Object> argument;
            if (fitting.size() == 1) {
                argument = fitting.get(0).argument();
            }
            else if (fitting.size() > 1) {
                argument = byName(signal, method, parameter, fitting).argument();
            }
            else if (signal.takesPayload() && (argument = payloadArgument(method, parameter, type)) != null) {
                takesPayload = true;
            }
            else {
                throw fail(method, "has parameter '" + parameter.getName() + "' of type " + type.getName() + " that "
                        + signal.label() + " cannot supply (it supplies " + supplies(signal) + ")");
            }
            arguments[i] = argument;
        }
        return new HandlerMethod(bean, method, arguments, takesPayload);
    }

    // Several values of the signal have the parameter's type: only its name can say which
    // one it wants.
    private SignalValue byName(Signal signal, Method method, Parameter parameter, List<SignalValue> fitting) {
        String choices = fitting.stream()
            .map((value) -> "'" + value.names().get(0) + "' for " + value.description())
            .collect(Collectors.joining(" or "));
        String typeName = parameter.getType().getSimpleName();
        if (!parameter.isNamePresent()) {
            throw fail(method,
                    "has " + typeName + " parameter '" + parameter.getName() + "' but " + signal.label() + " supplies "
                            + describe(fitting) + " and the parameter names were not compiled in; compile with "
                            + "-parameters (Spring Boot's Maven and Gradle plugins do) and name it " + choices);
        }
        String name = parameter.getName();
        for (SignalValue value : fitting) {
            if (value.names().contains(name)) {
                return value;
            }
        }
        throw fail(method, "has " + typeName + " parameter '" + name + "' but " + signal.label() + " supplies "
                + describe(fitting) + ", told apart by name; name it " + choices + " (also accepted: "
                + fitting.stream().map((value) -> String.join(", ", value.names())).collect(Collectors.joining("; "))
                + ")");
    }

    private static String describe(List<SignalValue> values) {
        return values.stream().map(SignalValue::description).collect(Collectors.joining(" and "));
    }

    private @Nullable Function<SignalContext, @Nullable Object> payloadArgument(Method method, Parameter parameter,
            Class<?> type) {
        Function<SignalContext, @Nullable Object> variant = VariantArguments.argument(parameter, type);
        if (variant != null) {
            return variant;
        }
        if (type == byte[].class) {
            return (c) -> c.requiredPacket().data();
        }
        if (type == ByteBuffer.class) {
            return (c) -> ByteBuffer.wrap(c.requiredPacket().data());
        }
        if (type == String.class || type == CharSequence.class) {
            return (c) -> c.requiredPacket().text();
        }
        if (type == Packet.class) {
            return SignalContext::packet;
        }
        if (!isJsonPayload(type)) {
            return null;
        }
        PayloadConverter json = this.converter;
        if (json == null) {
            throw fail(method, "reads its packet as " + type.getName() + " but there is no JSON mapper bean; add "
                    + "spring-boot-starter-jackson or take byte[] or String");
        }
        return (c) -> json.read(c.requiredPacket().data(), type);
    }

    /**
     * @param type a payload parameter's type, other than the raw ones (bytes, text,
     * {@link Packet})
     * @return whether the packet is read into it as JSON;
     * {@link PacketHandlerReflectiveProcessor} registers its hints
     */
    static boolean isJsonPayload(Class<?> type) {
        return !type.isPrimitive() && !type.getName().startsWith("java.") && type != byte[].class
                && type != Packet.class;
    }

    private static String supplies(Signal signal) {
        String values = signal.carries().stream().map(SignalValue::description).collect(Collectors.joining(", "));
        return signal.takesPayload()
                ? values + ", and the payload as byte[], ByteBuffer, String, Packet, a Variant type (@VariantPayload) "
                        + "or a JSON type"
                : values;
    }

    private IllegalStateException fail(Method method, String problem) {
        return new IllegalStateException("@PacketHandler bean '" + this.beanName + "': method "
                + method.getDeclaringClass().getSimpleName() + "." + method.getName() + " " + problem);
    }

}
