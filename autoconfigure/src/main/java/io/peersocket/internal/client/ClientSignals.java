package io.peersocket.internal.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.peersocket.client.ClientListener;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.spi.PeerSocketObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The fan-out of one client's signals to its {@link ClientListener}s: each listener in turn, a
 * failing one logged and counted without keeping the signal from the others. Called on the
 * client's event queue, so in signal order.
 */
final class ClientSignals {

    // Under the API's name: what applications configure.
    private static final Log logger = LogFactory.getLog(PeerSocketClient.class);

    private final String clientName;

    private final PeerSocketObserver observer;

    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

    ClientSignals(String clientName, PeerSocketObserver observer, List<ClientListener> listeners) {
        this.clientName = clientName;
        this.observer = observer;
        this.listeners.addAll(listeners);
    }

    void add(ClientListener listener) {
        this.listeners.add(listener);
    }

    void remove(ClientListener listener) {
        this.listeners.remove(listener);
    }

    void signal(Consumer<ClientListener> signal) {
        for (ClientListener listener : this.listeners) {
            try {
                signal.accept(listener);
            }
            catch (Throwable ex) {
                logger.error("Listener " + listener + " of client '" + this.clientName + "' failed", ex);
                this.observer.handlerError("client:" + this.clientName, ex);
            }
        }
    }

}
