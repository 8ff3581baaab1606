package io.peersocket.internal.multiplayer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.multiplayer.RelayServers;
import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.multiplayer.rpc.MultiplayerApis;
import io.peersocket.multiplayer.rpc.MultiplayerDialect;
import io.peersocket.multiplayer.rpc.RemoteNode;
import io.peersocket.spi.PeerSocketObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link MultiplayerApi} of each relay endpoint that serves {@link RemoteNode} beans.
 * Finds and checks those beans from their types when created, so that a member no client
 * could call fails startup naming the bean and the member; the beans themselves are
 * fetched on first use (a node may inject its {@link MultiplayerApi}). The server's
 * assembly puts each relay's MultiplayerAPI in front of its application ({@link #bind}).
 */
public final class DefaultMultiplayerApis implements MultiplayerApis {

    private final ListableBeanFactory beanFactory;

    private final boolean strict;

    private final int maxCachedPaths;

    private final List<RemoteNodeBinding> nodes = new ArrayList<>();

    private final MultiplayerDialect dialect;

    private final Map<String, DefaultMultiplayerApi> byRelay = new LinkedHashMap<>();

    private final Set<String> relays = new LinkedHashSet<>();

    /**
     * @param beanFactory where the {@link RemoteNode} beans are
     * @param strict whether a client whose call is dropped is also closed with 1008
     * @param maxCachedPaths how many node paths one client may announce
     * @param dialect the clients' engine
     * @throws IllegalStateException naming the bean and member that cannot be served
     */
    public DefaultMultiplayerApis(ListableBeanFactory beanFactory, boolean strict, int maxCachedPaths,
            MultiplayerDialect dialect) {
        if (maxCachedPaths < 1) {
            throw new IllegalStateException(
                    "peersocket.server.multiplayer.api.max-cached-paths must be at least 1, was " + maxCachedPaths);
        }
        this.beanFactory = beanFactory;
        this.strict = strict;
        this.maxCachedPaths = maxCachedPaths;
        this.dialect = dialect;
        for (String beanName : beanFactory.getBeanNamesForAnnotation(RemoteNode.class)) {
            RemoteNode annotation = beanFactory.findAnnotationOnBean(beanName, RemoteNode.class);
            Class<?> type = beanFactory.getType(beanName);
            if (annotation == null || type == null) {
                continue;
            }
            Supplier<Object> bean = SingletonSupplier.of(() -> beanFactory.getBean(beanName));
            RemoteNodeBinding node = RemoteNodeBinding.of(beanName, ClassUtils.getUserClass(type), annotation, bean);
            if (!MultiplayerPacket.of(dialect).hasRemoteSet() && node.hasProperties()) {
                throw new IllegalStateException("@RemoteNode bean '" + beanName + "' has @Remote fields "
                        + node.propertyNames() + ", but the " + dialect + " MultiplayerAPI has no rset "
                        + "(peersocket.server.multiplayer.api.dialect); use @Remote methods");
            }
            this.nodes.add(node);
        }
    }

    /**
     * Puts the MultiplayerAPI of a relay endpoint in front of its application, when nodes
     * are bound to it. For the server's assembly; applications do not call it.
     * @param relayPath the relay endpoint's path
     * @param application the relay's application (peer 1)
     * @param observer receives the drop counts
     * @return what receives peer 1's signals: the MultiplayerAPI, or the application
     * alone
     * @throws IllegalStateException when a node names no relay and there is more than
     * one, or two nodes have one path
     */
    public synchronized MultiplayerListener bind(String relayPath, MultiplayerListener application,
            PeerSocketObserver observer) {
        this.relays.add(relayPath);
        List<RemoteNodeBinding> bound = new ArrayList<>();
        for (RemoteNodeBinding node : this.nodes) {
            if (node.relay().isEmpty() && this.relays.size() > 1) {
                throw new IllegalStateException("@RemoteNode bean '" + node.beanName() + "' names no relay and there "
                        + "are several multiplayer relay endpoints " + this.relays + "; set @RemoteNode(relay = ...)");
            }
            if (node.relay().isEmpty() || node.relay().equals(relayPath)) {
                bound.add(node);
            }
        }
        if (bound.isEmpty()) {
            return application;
        }
        DefaultMultiplayerApi api = new DefaultMultiplayerApi(relayPath, bound, application, observer, this.strict,
                this.maxCachedPaths, this.dialect, () -> relayAt(relayPath));
        this.byRelay.put(relayPath, api);
        return api;
    }

    private RelayServer relayAt(String relayPath) {
        RelayServer relay = this.beanFactory.getBean(RelayServers.class).get(relayPath);
        if (relay == null) {
            throw new IllegalStateException("No multiplayer relay endpoint at " + relayPath);
        }
        return relay;
    }

    /**
     * Checks that every node found its relay; run once the server is assembled.
     * @throws IllegalStateException naming a node whose relay endpoint does not exist
     */
    public synchronized void verifyBound() {
        for (RemoteNodeBinding node : this.nodes) {
            boolean bound = node.relay().isEmpty() ? !this.byRelay.isEmpty() : this.byRelay.containsKey(node.relay());
            if (!bound) {
                throw new IllegalStateException(
                        "@RemoteNode bean '" + node.beanName() + "' is node " + node.path() + " of "
                                + (node.relay().isEmpty() ? "the multiplayer relay endpoint, but there is none"
                                        : "relay " + node.relay() + ", which is no multiplayer relay endpoint")
                                + "; declare one with @PacketHandler(path = ..., multiplayer = true) or "
                                + "peersocket.server.multiplayer.path");
            }
        }
    }

    @Override
    public synchronized @Nullable MultiplayerApi get(String relayPath) {
        return this.byRelay.get(relayPath);
    }

    @Override
    public synchronized List<MultiplayerApi> all() {
        return new ArrayList<>(this.byRelay.values());
    }

}
