package io.peersocket.internal.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PayloadConverter;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the {@link PacketHandler} beans and groups them into endpoints: one per path,
 * with a handler per subprotocol. Works from bean types, so handlers are validated at
 * startup and created lazily (a handler may inject the server). Conflicts fail naming
 * both beans.
 */
public final class PacketHandlerScanner {

    /**
     * One endpoint as declared by handler beans.
     *
     * @param path the path
     * @param listeners the handler per subprotocol ({@code ""}: no protocol)
     * @param writeMode the write mode the handlers ask for, or {@code null} for the
     * default
     * @param multiplayer whether the endpoint is a multiplayer relay
     * @param application a relay's own application (peer 1);
     * {@link MultiplayerListener#NONE} otherwise
     */
    public record DeclaredEndpoint(String path, Map<String, PeerListener> listeners, @Nullable WriteMode writeMode,
            boolean multiplayer, MultiplayerListener application) {

        /**
         * A plain endpoint.
         * @param path the path
         * @param listeners the handler per subprotocol
         * @param writeMode the write mode, or {@code null}
         */
        public DeclaredEndpoint(String path, Map<String, PeerListener> listeners, @Nullable WriteMode writeMode) {
            this(path, listeners, writeMode, false, MultiplayerListener.NONE);
        }

        /**
         * The same endpoint with another application in front of the relay's (the
         * engine's MultiplayerAPI for {@code @RemoteNode} beans).
         * @param application the relay's application, peer 1
         * @return the endpoint
         */
        public DeclaredEndpoint withApplication(MultiplayerListener application) {
            return new DeclaredEndpoint(this.path, this.listeners, this.writeMode, this.multiplayer, application);
        }

    }

    /**
     * A relay's handler: its application's signals, and the close request it may also
     * handle.
     */
    private record RelayHandler(String beanName, MultiplayerListener application, PeerListener listener) {
    }

    private static final PeerListener NO_SIGNALS = new PeerListener() {
    };

    private final ListableBeanFactory beanFactory;

    private final @Nullable PayloadConverter converter;

    /**
     * @param beanFactory where the handler beans are
     * @param converter JSON for record/POJO parameters and results, or {@code null}
     */
    public PacketHandlerScanner(ListableBeanFactory beanFactory, @Nullable PayloadConverter converter) {
        this.beanFactory = beanFactory;
        this.converter = converter;
    }

    /**
     * @param defaultPath the path for handlers that name none
     * @param defaultProtocols the protocols for handlers that name none
     * @return the endpoints, in bean order
     */
    public List<DeclaredEndpoint> scan(String defaultPath, List<String> defaultProtocols) {
        return scan(defaultPath, defaultProtocols, null);
    }

    /**
     * @param defaultPath the path for handlers that name none
     * @param defaultProtocols the protocols for handlers that name none (not applied to
     * relays)
     * @param multiplayerPath a path served as a multiplayer relay even without a handler
     * ({@code peersocket.server.multiplayer.path}), or {@code null}
     * @return the endpoints, in bean order
     */
    public List<DeclaredEndpoint> scan(String defaultPath, List<String> defaultProtocols,
            @Nullable String multiplayerPath) {
        Map<String, RelayHandler> relays = new LinkedHashMap<>();
        Map<String, Map<String, PeerListener>> byPath = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, WriteMode> modes = new LinkedHashMap<>();
        for (String beanName : this.beanFactory.getBeanNamesForAnnotation(PacketHandler.class)) {
            PacketHandler annotation = this.beanFactory.findAnnotationOnBean(beanName, PacketHandler.class);
            Class<?> type = this.beanFactory.getType(beanName);
            if (annotation == null || type == null || !annotation.client().isEmpty()) {
                continue; // client handlers belong to ClientHandlerScanner
            }
            HandlerDeclaration declaration = HandlerDeclaration.of(beanName, annotation, defaultPath, multiplayerPath);
            String path = declaration.path();
            if (declaration.multiplayer()) {
                RelayHandler relay = relayHandlerFor(declaration, type);
                if (declaration.wrapsListener()) {
                    // The relay's clients need the authorities as a plain handler's do,
                    // checked before the upgrade.
                    relay = new RelayHandler(relay.beanName(), relay.application(),
                            new DeclaredPeerListener(relay.listener(), false, declaration.authorities()));
                }
                RelayHandler other = relays.putIfAbsent(path, relay);
                String owner = (other != null) ? other.beanName() : plainOwner(owners, path);
                if (owner != null) {
                    throw new IllegalStateException(
                            "@PacketHandler beans '" + owner + "' and '" + beanName + "' both handle path " + path
                                    + ", a multiplayer relay, which has one handler: " + "its own application, peer 1");
                }
                continue;
            }
            RelayHandler relayOwner = relays.get(path);
            if (relayOwner != null) {
                throw new IllegalStateException("@PacketHandler beans '" + relayOwner.beanName() + "' and '" + beanName
                        + "' both handle path " + path + ", a multiplayer relay, which has one handler: "
                        + "its own application, peer 1");
            }
            PeerListener listener = listenerFor(beanName, type);
            if (declaration.wrapsListener()) {
                listener = new DeclaredPeerListener(listener, !declaration.blocking(), declaration.authorities());
            }
            Map<String, PeerListener> listeners = byPath.computeIfAbsent(path, (p) -> new LinkedHashMap<>());
            for (String protocol : declaration.protocolsOr(defaultProtocols)) {
                String key = path + " " + protocol;
                String owner = owners.putIfAbsent(key, beanName);
                if (owner != null) {
                    throw new IllegalStateException("@PacketHandler beans '" + owner + "' and '" + beanName
                            + "' both handle path " + path
                            + (protocol.isEmpty() ? " without a subprotocol" : " with subprotocol '" + protocol + "'")
                            + "; give each its own path or protocols");
                }
                listeners.put(protocol, listener);
            }
            WriteMode writeMode = declaration.writeMode();
            if (writeMode != null) {
                modes.put(path, writeMode);
            }
        }
        if (multiplayerPath != null && !relays.containsKey(multiplayerPath)) {
            if (byPath.containsKey(multiplayerPath)) {
                throw new IllegalStateException("peersocket.server.multiplayer.path " + multiplayerPath
                        + " is also the path of a plain @PacketHandler");
            }
            relays.put(multiplayerPath, new RelayHandler("", MultiplayerListener.NONE, NO_SIGNALS));
        }
        List<DeclaredEndpoint> endpoints = new ArrayList<>();
        byPath.forEach((path, listeners) -> endpoints.add(new DeclaredEndpoint(path, listeners, modes.get(path))));
        relays.forEach((path, relay) -> endpoints.add(
                new DeclaredEndpoint(path, Map.of("", relay.listener()), WriteMode.BINARY, true, relay.application())));
        return endpoints;
    }

    /**
     * The paths {@link #scan} makes relays, read from the bean definitions alone: nothing
     * is created or validated, so that a condition can ask before any bean exists (a
     * wrong handler fails later, in {@link #scan}, with its message).
     * @param beanFactory where the handler beans are
     * @param defaultPath the path for handlers that name none
     * @param multiplayerPath {@code peersocket.server.multiplayer.path}, or {@code null}
     * @return the relay paths, in bean order
     */
    public static Set<String> relayPaths(ListableBeanFactory beanFactory, String defaultPath,
            @Nullable String multiplayerPath) {
        Set<String> paths = new LinkedHashSet<>();
        for (String beanName : beanFactory.getBeanNamesForAnnotation(PacketHandler.class)) {
            PacketHandler annotation = beanFactory.findAnnotationOnBean(beanName, PacketHandler.class, false);
            String path = (annotation != null && annotation.client().isEmpty())
                    ? HandlerDeclaration.relayPath(annotation, defaultPath, multiplayerPath) : null;
            if (path != null) {
                paths.add(path);
            }
        }
        if (multiplayerPath != null) {
            paths.add(multiplayerPath);
        }
        return paths;
    }

    private static @Nullable String plainOwner(Map<String, String> owners, String path) {
        for (Map.Entry<String, String> owner : owners.entrySet()) {
            if (owner.getKey().startsWith(path + " ")) {
                return owner.getValue();
            }
        }
        return null;
    }

    private RelayHandler relayHandlerFor(HandlerDeclaration declaration, Class<?> type) {
        String beanName = declaration.beanName();
        String prefix = "@PacketHandler bean '" + beanName + "' is the multiplayer relay at " + declaration.path();
        Supplier<Object> bean = SingletonSupplier.of(() -> this.beanFactory.getBean(beanName));
        AnnotatedPeerListener annotated = AnnotatedPeerListener.of(beanName, type, bean, this.converter);
        for (Signal signal : annotated.signals()) {
            if (signal.plainOnly()) {
                throw new IllegalStateException(prefix + ": method " + annotated.method(signal) + " is marked "
                        + signal.label() + ", which a relay does not signal; use @PeerConnected, @PeerPacket and "
                        + "@PeerDisconnected");
            }
        }
        if (!annotated.isEmpty()) {
            return new RelayHandler(beanName, annotated, annotated);
        }
        boolean isApplication = MultiplayerListener.class.isAssignableFrom(type);
        boolean isListener = PeerListener.class.isAssignableFrom(type);
        if (!isApplication && !isListener) {
            throw new IllegalStateException(prefix + " but has no @PeerConnected, @PeerPacket, @PeerDisconnected or "
                    + "@ClientCloseRequest method and is no MultiplayerListener");
        }
        return new RelayHandler(beanName, isApplication ? new LazyMultiplayerListener(bean) : MultiplayerListener.NONE,
                isListener ? new LazyPeerListener(bean) : NO_SIGNALS);
    }

    private PeerListener listenerFor(String beanName, Class<?> type) {
        Supplier<Object> bean = SingletonSupplier.of(() -> this.beanFactory.getBean(beanName));
        AnnotatedPeerListener annotated = AnnotatedPeerListener.of(beanName, type, bean, this.converter);
        for (Signal signal : annotated.signals()) {
            if (signal.multiplayer()) {
                throw new IllegalStateException("@PacketHandler bean '" + beanName + "': method "
                        + annotated.method(signal) + " is marked " + signal.label()
                        + ", which only a multiplayer relay signals; add multiplayer = true to its @PacketHandler");
            }
        }
        if (annotated.signals().stream().anyMatch(Signal.CLIENT_ONLY::contains)) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' has client signal methods "
                    + "(@ConnectionEstablished, @ServerCloseRequest, @ConnectionClosed, @ConnectionError) but names "
                    + "no client; add client = \"<connection name>\" or use the server signals");
        }
        if (annotated.isEmpty() && PeerListener.class.isAssignableFrom(type)) {
            return new LazyPeerListener(bean);
        }
        if (annotated.isEmpty()) {
            throw new IllegalStateException("@PacketHandler bean '" + beanName + "' has no @ClientConnected, "
                    + "@DataReceived, @ClientCloseRequest or @ClientDisconnected method and is no PeerListener");
        }
        return annotated;
    }

    /** A {@link MultiplayerListener} bean, fetched on first use. */
    private record LazyMultiplayerListener(Supplier<Object> bean) implements MultiplayerListener {

        private MultiplayerListener target() {
            return (MultiplayerListener) this.bean.get();
        }

        @Override
        public void peerConnected(RelayServer relay, Peer peer) {
            target().peerConnected(relay, peer);
        }

        @Override
        public void peerDisconnected(RelayServer relay, Peer peer) {
            target().peerDisconnected(relay, peer);
        }

        @Override
        public void peerPacket(RelayServer relay, Peer source, int target, byte[] payload) {
            target().peerPacket(relay, source, target, payload);
        }

    }

    /**
     * A handler with what its {@code @PacketHandler} declares beyond its methods:
     * {@code blocking = false} or the authorities its clients need. The rest is asked of
     * the delegate when used, not at scan time: a listener bean is fetched lazily.
     */
    private record DeclaredPeerListener(PeerListener delegate, boolean nonBlocking,
            Set<String> declaredAuthorities) implements PeerListener {

        @Override
        public boolean blocking() {
            return !this.nonBlocking && this.delegate.blocking();
        }

        @Override
        public Set<String> authorities() {
            return this.declaredAuthorities.isEmpty() ? this.delegate.authorities() : this.declaredAuthorities;
        }

        @Override
        public void clientConnected(io.peersocket.peer.Peer peer, String protocol) {
            this.delegate.clientConnected(peer, protocol);
        }

        @Override
        public void dataReceived(io.peersocket.peer.Peer peer) {
            this.delegate.dataReceived(peer);
        }

        @Override
        public void clientCloseRequest(io.peersocket.peer.Peer peer, int code, String reason) {
            this.delegate.clientCloseRequest(peer, code, reason);
        }

        @Override
        public void clientDisconnected(io.peersocket.peer.Peer peer, boolean wasClean) {
            this.delegate.clientDisconnected(peer, wasClean);
        }

    }

    /** A {@link PeerListener} bean, fetched on first use. */
    private record LazyPeerListener(Supplier<Object> bean) implements PeerListener {

        private PeerListener target() {
            return (PeerListener) this.bean.get();
        }

        @Override
        public boolean blocking() {
            return target().blocking();
        }

        @Override
        public void clientConnected(io.peersocket.peer.Peer peer, String protocol) {
            target().clientConnected(peer, protocol);
        }

        @Override
        public void dataReceived(io.peersocket.peer.Peer peer) {
            target().dataReceived(peer);
        }

        @Override
        public void clientCloseRequest(io.peersocket.peer.Peer peer, int code, String reason) {
            target().clientCloseRequest(peer, code, reason);
        }

        @Override
        public void clientDisconnected(io.peersocket.peer.Peer peer, boolean wasClean) {
            target().clientDisconnected(peer, wasClean);
        }

    }

}
