package io.peersocket.internal.client;

import io.peersocket.client.ClientSettings;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.PeerSocketClientFactory;

/**
 * The library's {@link PeerSocketClientFactory}, registered in
 * {@code META-INF/services/io.peersocket.client.PeerSocketClientFactory}: the builder of
 * the API package reaches the implementation without naming it.
 */
public final class ReactorClientFactory implements PeerSocketClientFactory {

    @Override
    public PeerSocketClient create(ClientSettings settings) {
        return new DefaultPeerSocketClient(settings);
    }

}
