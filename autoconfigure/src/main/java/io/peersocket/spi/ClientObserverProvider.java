package io.peersocket.spi;

/**
 * Gives the clients the context builds their observer (the client meters). A type of its
 * own, not a {@link PeerSocketObserver} bean, because the server feeds every such bean;
 * and free of Micrometer, so that the client's auto-configuration can ask for it without
 * Micrometer present.
 */
@FunctionalInterface
public interface ClientObserverProvider {

    /**
     * @return the observer of every client built from the context's builder
     */
    PeerSocketObserver clientObserver();

}
