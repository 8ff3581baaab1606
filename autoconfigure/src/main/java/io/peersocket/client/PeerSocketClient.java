package io.peersocket.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * The client template, as the engine's {@code WebSocketClient}. {@link #connectToUrl}
 * returns at once; the outcome arrives as a signal ({@code connection_established} or
 * {@code connection_error}); the server is {@link #getPeer(int) peer 1}, with the same
 * {@link Peer} API as a server's peers; {@link #disconnectFromHost} closes.
 * <p>
 * Signals reach the {@link ClientListener}s pushed on a handler thread (one at a time for
 * this client, in order, across reconnects too), or, in {@link DispatchMode#POLL poll
 * mode}, only inside {@link #poll()}, on the calling thread, as in the engine. Reading,
 * writing and reconnecting never wait for {@code poll()}.
 * <p>
 * Built on Spring WebFlux's {@code ReactorNettyWebSocketClient}; the connection, its
 * limits and its demand-driven reading are the server's own. Make one with
 * {@link PeerSocketClientBuilder} (auto-configured in a Spring application) or declare a
 * named connection under {@code peersocket.client.connections}. The library implements
 * this interface; applications call it and do not implement it.
 */
public interface PeerSocketClient {

    /**
     * @return the name of this client (the named connection, or the one given to the
     * builder)
     */
    String name();

    /**
     * @return push or poll
     */
    DispatchMode dispatchMode();

    /**
     * @param listener receives this client's signals from now on
     */
    void addListener(ClientListener listener);

    /**
     * @param listener no longer receives signals
     */
    void removeListener(ClientListener listener);

    // ---- connecting ----

    /**
     * Connects to the URL and protocols this client was configured with (a named
     * connection's {@code url} and {@code protocols}).
     * @return as {@link #connectToUrl(String, List, boolean, Map)}; also
     * {@link PeerError#ERR_INVALID_PARAMETER} when no URL is configured
     */
    PeerError connect();

    /**
     * {@code connect_to_url(url)} without subprotocols.
     * @param url a {@code ws://} or {@code wss://} URL
     * @return as {@link #connectToUrl(String, List, boolean, Map)}
     */
    default PeerError connectToUrl(String url) {
        return connectToUrl(url, List.of(), false, Map.of());
    }

    /**
     * {@code connect_to_url(url, protocols)}.
     * @param url a {@code ws://} or {@code wss://} URL
     * @param protocols the subprotocols to ask for, in order of preference
     * @return as {@link #connectToUrl(String, List, boolean, Map)}
     */
    default PeerError connectToUrl(String url, List<String> protocols) {
        return connectToUrl(url, protocols, false, Map.of());
    }

    /**
     * {@code connect_to_url(url, protocols, gd_mp_api, custom_headers)} with the engine's
     * header lines ({@code "Name: value"}).
     * @param url a {@code ws://} or {@code wss://} URL
     * @param protocols the subprotocols to ask for
     * @param multiplayer the engine's relay protocol ({@code gd_mp_api}): see
     * {@link #multiplayer()}
     * @param customHeaders extra request header lines, {@code "Name: value"}
     * @return as {@link #connectToUrl(String, List, boolean, Map)}; also
     * {@link PeerError#ERR_INVALID_PARAMETER} for a line without a colon
     */
    PeerError connectToUrl(String url, List<String> protocols, boolean multiplayer, List<String> customHeaders);

    /**
     * {@code connect_to_url(url, protocols, gd_mp_api, custom_headers)}: starts
     * connecting and returns at once. {@code connection_established} or
     * {@code connection_error} follows.
     * @param url a {@code ws://} or {@code wss://} URL
     * @param protocols the subprotocols to ask for, in order of preference; the server
     * must select one of them (a server that selects another, or none, is a
     * {@code connection_error})
     * @param multiplayer the engine's relay protocol ({@code gd_mp_api}): the server is a
     * relay, the client's side of it is {@link #multiplayer()}, and the listeners get the
     * multiplayer signals ({@code peer_connected}, {@code connection_succeeded} ...)
     * instead of {@code connection_established}, {@code data_received},
     * {@code connection_closed} and {@code connection_error}. The engine asks for no
     * subprotocol in this mode: pass none.
     * @param customHeaders extra request headers, added to the configured ones
     * @return {@link PeerError#OK} when connecting started;
     * {@link PeerError#ERR_INVALID_PARAMETER} for a URL that is not {@code ws://host...}
     * or {@code wss://host...}, or an invalid protocol name;
     * {@link PeerError#ERR_ALREADY_IN_USE} while connecting or connected
     */
    PeerError connectToUrl(String url, List<String> protocols, boolean multiplayer, Map<String, String> customHeaders);

    /**
     * Checks a URL as {@link #connectToUrl} does.
     * @param url the URL
     * @return what is wrong with it, or {@code null} when it is a {@code ws://} or
     * {@code wss://} URL with a host
     */
    static @Nullable String checkUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                return "'" + url + "' must start with ws:// or wss://";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "'" + url + "' has no host";
            }
            return null;
        }
        catch (URISyntaxException ex) {
            return "'" + url + "' is not a valid URL: " + ex.getMessage();
        }
    }

    // ---- disconnecting ----

    /** {@code disconnect_from_host()}: closes with 1000 and no reason. */
    default void disconnectFromHost() {
        disconnectFromHost(1000, "");
    }

    /**
     * {@code disconnect_from_host(code, reason)}: closes after the packets already
     * queued, and stops reconnecting. {@code connection_closed} follows for an open
     * connection; a connection still being made is abandoned without a signal, as in the
     * engine.
     * @param code the close code (1000, 1001, 1003 ... or 3000-4999)
     * @param reason the reason, at most 123 bytes of UTF-8
     */
    void disconnectFromHost(int code, String reason);

    /**
     * Closes with 1001 (going away), stops reconnecting, and waits for the close to
     * finish: what a named connection does on shutdown.
     * @param timeout the longest wait
     * @return whether the connection was closed in time
     */
    boolean shutdown(Duration timeout);

    // ---- state ----

    /**
     * {@code get_peer(1)}: the server. The same object for the client's whole life,
     * whatever connection is current: it follows the connection whose
     * {@code connection_established} was last delivered; before the first connection and
     * after a close, sending returns {@link PeerError#ERR_UNAVAILABLE} and unread packets
     * of the last connection can still be read.
     * @param id the peer id: only 1 exists on a client
     * @return the server for id 1, else {@code null}
     */
    @Nullable Peer getPeer(int id);

    /**
     * The client's side of the engine's multiplayer relay, for connections made with
     * {@code multiplayer = true}: its id, the peers, targeted sends, payloads with their
     * source. The same object for the client's whole life.
     * @return the relay client
     */
    RelayClient multiplayer();

    /**
     * @return the server, peer 1, as {@link #getPeer(int) getPeer(1)}
     */
    Peer server();

    /**
     * @return {@code get_connection_status()}
     */
    ConnectionStatus getConnectionStatus();

    /**
     * @return whether the connection is open
     */
    default boolean isConnected() {
        return getConnectionStatus() == ConnectionStatus.CONNECTED;
    }

    /**
     * @return {@code get_connected_host()}: the server's address, or an empty string
     */
    default String getConnectedHost() {
        return isConnected() ? server().getConnectedHost() : "";
    }

    /**
     * @return {@code get_connected_port()}: the server's port, or 0
     */
    default int getConnectedPort() {
        return isConnected() ? server().getConnectedPort() : 0;
    }

    /**
     * @return the URL of the current or last connection, or the configured one
     */
    @Nullable String getUrl();

    /**
     * @return the engine's {@code verify_ssl}: whether {@code wss://} certificates are
     * verified
     */
    boolean isVerifySsl();

    /**
     * {@code verify_ssl}: takes effect on the next connection. {@code false} accepts any
     * certificate and host name: for development only, and logged as a warning.
     * @param verifySsl whether to verify
     */
    void setVerifySsl(boolean verifySsl);

    /**
     * @return the bundle whose trust store holds the only certificates accepted, or
     * {@code null} for the JVM's
     */
    @Nullable SslBundle getTrustedSslCertificate();

    /**
     * {@code trusted_ssl_certificate}: when set, only servers whose certificate chains to
     * this bundle's trust store are accepted; takes effect on the next connection.
     * @param bundle a Spring Boot SSL bundle, or {@code null} for the JVM's trust store
     */
    void setTrustedSslCertificate(@Nullable SslBundle bundle);

    /**
     * {@code poll()}: delivers, on the calling thread and in order, every signal pending
     * when the call began. Needed in poll mode; harmless in push mode.
     * @return how many signals were delivered
     */
    int poll();

    /**
     * @return the buffer limits of each connection
     */
    BufferLimits limits();

    /**
     * @return the reconnect policy
     */
    ReconnectPolicy reconnectPolicy();

}
