package io.peersocket.internal.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.function.Function;

import io.peersocket.annotation.VariantPayload;
import io.peersocket.variant.Color;
import io.peersocket.variant.VariantDecodingException;
import io.peersocket.variant.VariantSettings;
import io.peersocket.variant.Vector2;
import io.peersocket.variant.Vector3;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Variant payloads of handler methods ({@link VariantPayload}), apart from the JSON and
 * raw bindings of {@link HandlerMethodResolver}: which parameters and results are
 * Variants, and how they are read.
 */
final class VariantArguments {

    private static final String VARIANT_PACKAGE = Vector2.class.getPackageName();

    private VariantArguments() {
    }

    /**
     * @param type a parameter or result type
     * @return whether the type alone makes it a Variant: a record of
     * io.peersocket.variant or one of its pool arrays
     */
    static boolean isVariantType(Class<?> type) {
        if (type == Vector2[].class || type == Vector3[].class || type == Color[].class) {
            return true;
        }
        return type.isRecord() && type.getPackageName().equals(VARIANT_PACKAGE);
    }

    /**
     * Refuses a primitive parameter marked {@link VariantPayload}: the resolver binds an
     * {@code int} to the peer id and a {@code boolean} to the frame type before any
     * payload.
     * @param method a handler method
     * @param fail makes the startup error from a problem
     */
    static void checkParameters(Method method, Function<String, IllegalStateException> fail) {
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(VariantPayload.class) && parameter.getType().isPrimitive()) {
                throw fail.apply("marks primitive parameter '" + parameter.getName() + "' @VariantPayload; take "
                        + "Long, Double, Boolean, Number or Object (a Variant int arrives as Long)");
            }
        }
    }

    /**
     * @param parameter a payload parameter
     * @param type its type
     * @return the argument reader when the parameter is a Variant, else {@code null}
     */
    static @Nullable Function<SignalContext, @Nullable Object> argument(Parameter parameter, Class<?> type) {
        if (!isVariantType(type) && !parameter.isAnnotationPresent(VariantPayload.class)) {
            return null;
        }
        Class<?> expected = ClassUtils.resolvePrimitiveIfNecessary(type);
        return (context) -> read(context, expected);
    }

    private static @Nullable Object read(SignalContext context, Class<?> expected) {
        VariantSettings settings = context.peer().variantSettings();
        Object value = settings.codec().decode(context.requiredPacket().data(), settings.allowObjectDecoding());
        if (value != null && !expected.isInstance(value)) {
            throw new VariantDecodingException("Expected a Variant of Java type " + expected.getName()
                    + " but the packet holds a " + value.getClass().getName(), 0);
        }
        return value;
    }

    /**
     * @param method a handler method
     * @param result what it returned
     * @return whether the result is sent as a Variant
     */
    static boolean isVariantResult(Method method, Object result) {
        return AnnotatedElementUtils.hasAnnotation(method, VariantPayload.class) || isVariantType(result.getClass());
    }

}
