package io.peersocket.internal.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.peersocket.client.ClientListener;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.spi.ClientSignalScope;
import io.peersocket.spi.PeerSocketObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The fan-out of one client's signals to its {@link ClientListener}s: each listener in
 * turn, each call inside the {@link ClientSignalScope} (observation, MDC), a failing one
 * logged and counted after the scope has seen it, without keeping the signal from the
 * others. Called on the client's event queue, so in signal order.
 */
final class ClientSignals {

    // Under the API's name: what applications configure.
    private static final Log logger = LogFactory.getLog(PeerSocketClient.class);

    private final String clientName;

    private final PeerSocketObserver observer;

    private final ClientSignalScope scope;

    // The path of the current URL, as the client meters and observations tag it.
    private final Supplier<String> endpointPath;

    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

    ClientSignals(String clientName, PeerSocketObserver observer, ClientSignalScope scope,
            Supplier<String> endpointPath, List<ClientListener> listeners) {
        this.clientName = clientName;
        this.observer = observer;
        this.scope = scope;
        this.endpointPath = endpointPath;
        this.listeners.addAll(listeners);
    }

    void add(ClientListener listener) {
        this.listeners.add(listener);
    }

    void remove(ClientListener listener) {
        this.listeners.remove(listener);
    }

    /**
     * Delivers one signal to every listener.
     * @param name the engine's name of the signal ({@code connection_established} ...)
     * @param signal the call
     */
    void signal(String name, Consumer<ClientListener> signal) {
        String path = this.endpointPath.get();
        for (ClientListener listener : this.listeners) {
            try {
                this.scope.run(this.clientName, path, name, () -> signal.accept(listener));
            }
            catch (Throwable ex) {
                logger.error("Listener " + listener + " of client '" + this.clientName + "' failed", ex);
                this.observer.handlerError("client:" + this.clientName, ex);
            }
        }
    }

}
