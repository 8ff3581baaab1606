package io.peersocket.internal.multiplayer;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.peersocket.multiplayer.rpc.NetworkPeerPacket;
import io.peersocket.multiplayer.rpc.Remote;
import io.peersocket.multiplayer.rpc.RemoteNode;
import io.peersocket.multiplayer.rpc.RpcMode;
import io.peersocket.multiplayer.rpc.RpcSenderId;
import io.peersocket.peer.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link RemoteNode} bean as the relay serves it: its remote functions and properties
 * by the name clients use, and its raw packet methods. Built from the bean's type at
 * startup, so that a parameter no Variant can bind fails then, naming the bean and the
 * method; the bean itself is fetched on first use.
 */
final class RemoteNodeBinding {

    private final String beanName;

    private final String path;

    private final String relay;

    private final Supplier<Object> bean;

    private final Map<String, Function> functions = new LinkedHashMap<>();

    private final Map<String, Property> properties = new LinkedHashMap<>();

    private final List<Function> rawListeners = new ArrayList<>();

    private RemoteNodeBinding(String beanName, String path, String relay, Supplier<Object> bean) {
        this.beanName = beanName;
        this.path = path;
        this.relay = relay;
        this.bean = bean;
    }

    /**
     * @param beanName the bean's name
     * @param type the bean's type (its user class)
     * @param annotation its {@link RemoteNode}
     * @param bean fetches the bean
     * @return the binding
     * @throws IllegalStateException naming the bean and member that cannot be served
     */
    static RemoteNodeBinding of(String beanName, Class<?> type, RemoteNode annotation, Supplier<Object> bean) {
        String prefix = "@RemoteNode bean '" + beanName + "'";
        String path;
        try {
            path = NodePaths.relative(annotation.path());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(prefix + ": " + ex.getMessage()); // the whole
                                                                              // story: no
                                                                              // cause
        }
        String relay = annotation.relay();
        if (!relay.isEmpty() && !relay.startsWith("/")) {
            throw new IllegalStateException(
                    prefix + ": relay '" + relay + "' must be an endpoint path starting with '/'");
        }
        RemoteNodeBinding binding = new RemoteNodeBinding(beanName, path, relay, bean);
        ReflectionUtils.doWithMethods(type, (method) -> binding.addMethod(prefix, method),
                (method) -> !method.isBridge() && !method.isSynthetic()
                        && (AnnotatedElementUtils.hasAnnotation(method, Remote.class)
                                || AnnotatedElementUtils.hasAnnotation(method, NetworkPeerPacket.class)));
        ReflectionUtils.doWithFields(type, (field) -> binding.addField(prefix, field),
                (field) -> field.isAnnotationPresent(Remote.class));
        return binding;
    }

    private void addMethod(String prefix, Method method) {
        String where = prefix + ": method " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalStateException(where + " is static; remote functions are instance methods");
        }
        Remote remote = AnnotatedElementUtils.findMergedAnnotation(method, Remote.class);
        boolean raw = AnnotatedElementUtils.hasAnnotation(method, NetworkPeerPacket.class);
        if (remote != null && raw) {
            throw new IllegalStateException(where + " is both @Remote and @NetworkPeerPacket; choose one");
        }
        Parameter[] parameters = method.getParameters();
        Slot[] slots = new Slot[parameters.length];
        int arguments = 0;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> type = parameter.getType();
            if (parameter.isAnnotationPresent(RpcSenderId.class)) {
                if (type != int.class && type != long.class && type != Integer.class && type != Long.class) {
                    throw new IllegalStateException(where + ": parameter " + i + " is @RpcSenderId but of type "
                            + type.getSimpleName() + "; make it an int or a long");
                }
                slots[i] = new Slot(Slot.SENDER, type);
            }
            else if (type == Peer.class) {
                slots[i] = new Slot(Slot.PEER, type);
            }
            else if (raw) {
                if (type != byte[].class) {
                    throw new IllegalStateException(where + " is @NetworkPeerPacket: parameter " + i + " of type "
                            + type.getSimpleName() + " is none of byte[] (the packet), @RpcSenderId int, Peer");
                }
                slots[i] = new Slot(Slot.PACKET, type);
            }
            else {
                if (!VariantBinding.isBindable(type)) {
                    throw new IllegalStateException(where + ": parameter " + i + " of type " + type.getName()
                            + " has no Variant type; use int, long, float, double, boolean, String, Object, List, Map, "
                            + "byte[], int[], float[], String[], the io.peersocket.variant records (Vector2 ...) or "
                            + "their arrays; @RpcSenderId int and Peer take the caller");
                }
                slots[i] = new Slot(arguments++, type);
            }
        }
        if (arguments > MultiplayerPacket.MAX_ARGUMENTS) {
            throw new IllegalStateException(where + " takes " + arguments + " arguments; a remote call carries at most "
                    + MultiplayerPacket.MAX_ARGUMENTS);
        }
        ReflectionUtils.makeAccessible(method);
        if (raw) {
            this.rawListeners.add(new Function(this, method.getName(), RpcMode.DISABLED, method, slots, 0));
            return;
        }
        String name = remote.name().isEmpty() ? method.getName() : remote.name();
        Function function = new Function(this, name, remote.value(), method, slots, arguments);
        Function other = this.functions.putIfAbsent(name, function);
        if (other != null) {
            throw new IllegalStateException(where + ": remote function '" + name + "' is also method "
                    + other.method().getName() + "; the engine calls functions by name, so each name has one method");
        }
    }

    private void addField(String prefix, Field field) {
        String where = prefix + ": field " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            throw new IllegalStateException(
                    where + " is static or final; a remote property is a writable instance field");
        }
        if (!VariantBinding.isBindable(field.getType())) {
            throw new IllegalStateException(where + " of type " + field.getType().getName() + " has no Variant type");
        }
        Remote remote = field.getAnnotation(Remote.class);
        String name = remote.name().isEmpty() ? field.getName() : remote.name();
        ReflectionUtils.makeAccessible(field);
        if (this.properties.putIfAbsent(name, new Property(this, name, remote.value(), field)) != null) {
            throw new IllegalStateException(where + ": remote property '" + name + "' is declared twice");
        }
    }

    String beanName() {
        return this.beanName;
    }

    /**
     * @return the node's path relative to the tree's root, as the engine sends it
     */
    String path() {
        return this.path;
    }

    /**
     * @return the relay endpoint path, empty for the only one
     */
    String relay() {
        return this.relay;
    }

    @Nullable Function function(String name) {
        return this.functions.get(name);
    }

    boolean hasProperties() {
        return !this.properties.isEmpty();
    }

    java.util.Set<String> propertyNames() {
        return this.properties.keySet();
    }

    @Nullable Property property(String name) {
        return this.properties.get(name);
    }

    List<Function> rawListeners() {
        return this.rawListeners;
    }

    Object bean() {
        return this.bean.get();
    }

    /**
     * Where a parameter's value comes from: the call's argument at an index, or the
     * caller.
     *
     * @param index the argument's index, or one of the negative constants
     * @param type the parameter's type
     */
    record Slot(int index, Class<?> type) {

        static final int SENDER = -1;

        static final int PEER = -2;

        static final int PACKET = -3;

    }

    /** A remote function (or a raw packet method). */
    record Function(RemoteNodeBinding node, String name, RpcMode mode, Method method, Slot[] slots, int arguments) {

        /**
         * @return the argument types, for a log line
         */
        String signature() {
            StringBuilder text = new StringBuilder(this.name).append('(');
            for (Slot slot : this.slots) {
                if (slot.index() >= 0) {
                    text.append((text.charAt(text.length() - 1) == '(') ? "" : ", ")
                        .append(slot.type().getSimpleName());
                }
            }
            return text.append(')').toString();
        }

        /**
         * @param args the bound arguments, by argument index
         * @param sender the caller's id
         * @param peer the caller's connection, or {@code null} for the application itself
         * @param packet a raw packet's bytes, or {@code null}
         */
        void invoke(@Nullable Object[] args, int sender, @Nullable Peer peer, byte @Nullable [] packet) {
            @Nullable Object[] values = new Object[this.slots.length];
            for (int i = 0; i < this.slots.length; i++) {
                Slot slot = this.slots[i];
                values[i] = switch (slot.index()) {
                    case Slot.SENDER -> (slot.type() == long.class || slot.type() == Long.class)
                            ? (Object) (long) sender : (Object) sender;
                    case Slot.PEER -> peer;
                    case Slot.PACKET -> packet;
                    default -> args[slot.index()];
                };
            }
            try {
                this.method.invoke(this.node.bean(), values);
            }
            catch (InvocationTargetException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
            catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }

    }

    /** A remote property. */
    record Property(RemoteNodeBinding node, String name, RpcMode mode, Field field) {

        void set(@Nullable Object value) {
            ReflectionUtils.setField(this.field, this.node.bean(), value);
        }

    }

}
