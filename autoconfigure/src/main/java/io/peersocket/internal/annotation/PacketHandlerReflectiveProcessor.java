package io.peersocket.internal.annotation;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Packet;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.ReflectiveProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The reflection a {@link PacketHandler} bean needs in a native image:
 * {@link HandlerMethod} calls its signal methods reflectively, and the application's JSON
 * mapper reads record/POJO payload parameters and writes object results.
 * {@link PacketHandlerAotProcessor} applies it to every handler bean (server endpoints,
 * relays and client connections alike) during Spring's AOT processing.
 * <p>
 * It walks the class exactly as {@link HandlerMethodResolver} does at startup
 * (user-declared methods, superclasses included, composed annotations merged), so a
 * method bound at runtime always has its hints.
 */
public final class PacketHandlerReflectiveProcessor implements ReflectiveProcessor {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    /** Created by {@link PacketHandlerAotProcessor}. */
    public PacketHandlerReflectiveProcessor() {
    }

    @Override
    public void registerReflectionHints(ReflectionHints hints, AnnotatedElement element) {
        if (!(element instanceof Class<?> type)) {
            return; // @PacketHandler targets types only
        }
        // The scanners read the class's @PacketHandler and walk its methods at startup.
        hints.registerType(type);
        ReflectionUtils.doWithMethods(type, (method) -> {
            for (Signal signal : Signal.values()) {
                if (AnnotatedElementUtils.hasAnnotation(method, signal.annotation())) {
                    registerSignalMethod(hints, signal, method);
                }
            }
        }, ReflectionUtils.USER_DECLARED_METHODS);
    }

    private void registerSignalMethod(ReflectionHints hints, Signal signal, Method method) {
        hints.registerMethod(method, ExecutableMode.INVOKE);
        if (signal.takesPayload()) {
            for (Parameter parameter : method.getParameters()) {
                Class<?> type = parameter.getType();
                boolean signalValue = signal.carries().stream().anyMatch((value) -> value.fits(type));
                if (!signalValue && HandlerMethodResolver.isJsonPayload(type)) {
                    this.bindings.registerReflectionHints(hints, type);
                }
            }
        }
        Class<?> result = method.getReturnType();
        if (writtenAsJson(result)) {
            // The generic type, so that the elements of a List<Move> result get their
            // hints too.
            this.bindings.registerReflectionHints(hints, method.getGenericReturnType());
        }
    }

    // What AnnotatedPeerListener.reply sends as it is; anything else goes through the
    // JSON mapper.
    private static boolean writtenAsJson(Class<?> result) {
        return result != void.class && result != Void.class && result != byte[].class && result != ByteBuffer.class
                && result != Packet.class && !CharSequence.class.isAssignableFrom(result);
    }

}
