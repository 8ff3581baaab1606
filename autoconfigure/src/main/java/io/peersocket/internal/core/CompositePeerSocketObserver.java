package io.peersocket.internal.core;

import java.util.List;

import io.peersocket.spi.CloseInfo;
import io.peersocket.spi.PeerSocketObserver;

/**
 * Several observers as one (metrics and the application's own, for example): each call
 * goes to every observer, in order.
 */
public final class CompositePeerSocketObserver implements PeerSocketObserver {

    private final PeerSocketObserver[] observers;

    private final boolean timesHandlers;

    private CompositePeerSocketObserver(List<PeerSocketObserver> observers) {
        this.observers = observers.toArray(new PeerSocketObserver[0]);
        boolean timed = false;
        for (PeerSocketObserver observer : this.observers) {
            timed |= observer.timesHandlers();
        }
        this.timesHandlers = timed;
    }

    /**
     * @param observers the observers, in the order they are called
     * @return {@link PeerSocketObserver#NONE} for none, the observer itself for one, else
     * a composite
     */
    public static PeerSocketObserver of(List<PeerSocketObserver> observers) {
        if (observers.isEmpty()) {
            return NONE;
        }
        if (observers.size() == 1) {
            return observers.get(0);
        }
        return new CompositePeerSocketObserver(observers);
    }

    @Override
    public void opened(String path) {
        for (PeerSocketObserver observer : this.observers) {
            observer.opened(path);
        }
    }

    @Override
    public void closed(String path, CloseInfo close) {
        for (PeerSocketObserver observer : this.observers) {
            observer.closed(path, close);
        }
    }

    @Override
    public void handshakeRefused(String path, String reason) {
        for (PeerSocketObserver observer : this.observers) {
            observer.handshakeRefused(path, reason);
        }
    }

    @Override
    public void received(String path, int bytes, boolean text) {
        for (PeerSocketObserver observer : this.observers) {
            observer.received(path, bytes, text);
        }
    }

    @Override
    public void sent(String path, int bytes, boolean text) {
        for (PeerSocketObserver observer : this.observers) {
            observer.sent(path, bytes, text);
        }
    }

    @Override
    public void dropped(String path, String reason) {
        for (PeerSocketObserver observer : this.observers) {
            observer.dropped(path, reason);
        }
    }

    @Override
    public void relayed(String path, String route, int copies) {
        for (PeerSocketObserver observer : this.observers) {
            observer.relayed(path, route, copies);
        }
    }

    @Override
    public void readingPaused(String path) {
        for (PeerSocketObserver observer : this.observers) {
            observer.readingPaused(path);
        }
    }

    @Override
    public void handlerError(String path, Throwable error) {
        for (PeerSocketObserver observer : this.observers) {
            observer.handlerError(path, error);
        }
    }

    @Override
    public boolean timesHandlers() {
        return this.timesHandlers;
    }

    @Override
    public void handled(String path, long nanos) {
        for (PeerSocketObserver observer : this.observers) {
            if (observer.timesHandlers()) {
                observer.handled(path, nanos);
            }
        }
    }

    @Override
    public void droppedOnShutdown(String path) {
        for (PeerSocketObserver observer : this.observers) {
            observer.droppedOnShutdown(path);
        }
    }

    @Override
    public void idleTimedOut(String path) {
        for (PeerSocketObserver observer : this.observers) {
            observer.idleTimedOut(path);
        }
    }

}
