package io.peersocket.internal.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/** One bound handler method with its argument resolvers, decided once at startup. */
final class HandlerMethod {

    private final Supplier<Object> bean;

    private final Method method;

    private final Function<SignalContext, @Nullable Object>[] arguments;

    private final boolean takesPayload;

    HandlerMethod(Supplier<Object> bean, Method method, Function<SignalContext, @Nullable Object>[] arguments,
            boolean takesPayload) {
        this.bean = bean;
        this.method = method;
        this.arguments = arguments;
        this.takesPayload = takesPayload;
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * @return whether the method consumes the packet (else it stays in
     * {@code getPacket()})
     */
    boolean takesPayload() {
        return this.takesPayload;
    }

    Method method() {
        return this.method;
    }

    @Nullable Object invoke(SignalContext context) throws Throwable {
        Object[] args = new Object[this.arguments.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = this.arguments[i].apply(context);
        }
        try {
            return this.method.invoke(this.bean.get(), args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getTargetException();
        }
    }

    @Override
    public String toString() {
        return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
    }

}
