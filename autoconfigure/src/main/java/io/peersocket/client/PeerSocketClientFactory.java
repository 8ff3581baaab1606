package io.peersocket.client;

/**
 * Makes the {@link PeerSocketClient} behind {@link PeerSocketClientBuilder#build()}. The
 * library provides the one implementation (on Reactor Netty, registered in
 * {@code META-INF/services/io.peersocket.client.PeerSocketClientFactory}); this interface
 * exists so that the {@code client} API names no internal class (docs/architecture.md),
 * not as an extension point for applications.
 */
public interface PeerSocketClientFactory {

    /**
     * @param settings what the builder was told
     * @return a new client, not connected
     * @throws IllegalArgumentException naming a setting that is out of range
     */
    PeerSocketClient create(ClientSettings settings);

}
