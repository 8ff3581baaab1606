package io.peersocket.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.internal.core.LivenessSettings;
import io.peersocket.internal.core.TrafficLimits;
import io.peersocket.internal.server.handshake.ConnectionLimits;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.DispatchMode;
import io.peersocket.peer.WriteMode;
import io.peersocket.variant.VariantCodec;
import io.peersocket.variant.VariantDialect;
import io.peersocket.variant.VariantSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of peersocket, under {@code peersocket}. Setters reject values out of
 * range, so a bad value fails startup with a message that names the property.
 */
@ConfigurationProperties("peersocket")
public class PeerSocketProperties {

    private final Server server = new Server();

    private final Client client = new Client();

    public Server getServer() {
        return this.server;
    }

    public Client getClient() {
        return this.client;
    }

    /** The WebSocket server, as the engine's WebSocketServer. */
    public static class Server {

        /** Whether to start the server for the application's @PacketHandler beans. */
        private boolean enabled = true;

        /**
         * Dedicated port for the WebSocket endpoints, served by an embedded Reactor Netty
         * server of its own (0 picks a free port, published as 'local.peersocket.port').
         * Unset: the endpoints are served at their paths of the application's own servlet
         * web server.
         */
        private @Nullable Integer port;

        /** Path of the endpoint for @PacketHandler beans that name none. */
        private String path = "/";

        /**
         * Address the dedicated port binds to; unset or '*' for every address (the
         * engine's bind_ip).
         */
        private @Nullable String bindAddress;

        /**
         * Whether the dedicated port takes the client's address from the 'Forwarded' or
         * 'X-Forwarded-For' header of the upgrade request. Only behind a proxy that sets
         * them: otherwise any client can claim any address. On the servlet transport use
         * 'server.forward-headers-strategy' instead.
         */
        private boolean forwardHeaders;

        /**
         * Whether the dedicated port reads a PROXY protocol header (HAProxy's, v1 or v2)
         * before each connection's HTTP request and takes the client's address from it:
         * 'off', 'on' (required: a connection without one is dropped) or 'auto' (read
         * when present). Only behind a load balancer that sends it (HAProxy 'send-proxy',
         * AWS NLB proxy protocol): otherwise any client can claim any address. Needs
         * io.netty:netty-codec-haproxy.
         */
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;

        /**
         * Subprotocols offered by @PacketHandler beans that name none. The first protocol
         * of the client's list that is offered wins; a client that asks for none of them
         * is refused.
         */
        private List<String> protocols = new ArrayList<>();

        /**
         * Initial write mode of each peer: how put_packet frames bytes. The engine's
         * default is BINARY.
         */
        private WriteMode writeMode = WriteMode.BINARY;

        /**
         * When signals reach the application: 'push' (on handler threads, serial per
         * peer) or 'poll' (only inside PeerSocketServer.poll(), on the calling thread, as
         * in the engine).
         */
        private DispatchMode dispatch = DispatchMode.PUSH;

        /**
         * Time a connection has to complete the WebSocket upgrade before it is closed.
         */
        private Duration handshakeTimeout = Duration.ofSeconds(3);

        /**
         * Extra headers added to every 101 Switching Protocols response
         * (set_extra_headers).
         */
        private Map<String, String> extraHeaders = new LinkedHashMap<>();

        /**
         * Origin patterns allowed to open a socket from a browser ('*' for all). A page
         * of the same host and port is always allowed. Requests without an Origin header
         * (native game clients) are always accepted.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /**
         * Number of threads that run push-mode handler methods (handlers may block);
         * default max(8, 4 x CPU cores). Not a bound with spring.threads.virtual.enabled,
         * where each call gets a virtual thread.
         */
        private int handlerThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

        /** Whether a handler method that throws closes its peer with 1011. */
        private boolean closeOnHandlerError = false;

        /**
         * Whether each handler call runs with the peer's id and the endpoint in the
         * logging MDC (peersocket.peer.id, peersocket.endpoint).
         */
        private boolean handlerMdc = true;

        /**
         * Time the server waits on shutdown for its peers to finish their close handshake
         * (after 1001).
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /**
         * Time between two pings the server sends each peer after the upgrade (browsers
         * and Godot answer them by themselves); 0 sends none. Keeps proxies and NAT from
         * timing out quiet peers.
         */
        private Duration pingInterval = Duration.ofSeconds(25);

        /**
         * Time after which a peer from which no complete frame (data, ping, pong, close)
         * arrived is dropped, reported unclean; 0 never drops. Must exceed ping-interval:
         * more than twice it lets a peer miss one pong.
         */
        private Duration idleTimeout = Duration.ofSeconds(60);

        /**
         * Servlet transport: the longest a peer may take to take one message from the
         * server. A peer that reads nothing for this long has its connection dropped (it
         * could not take a close frame either) and is reported as an unclean disconnect.
         * Also bounds the container's blocking send of a close frame.
         */
        private Duration sendTimeLimit = Duration.ofSeconds(10);

        /** Per-peer limits, as the engine's set_buffers. */
        private final Buffers buffers = new Buffers();

        /** The multiplayer relay (the engine's gd_mp_api = true). */
        private final Multiplayer multiplayer = new Multiplayer();

        /**
         * The Variant encoding of put_var / get_var and of Variant handler payloads on
         * every endpoint.
         */
        private final Variant variant = new Variant();

        /**
         * TLS of the dedicated port (wss://), as the engine's private_key and
         * ssl_certificate.
         */
        private final Ssl ssl = new Ssl();

        /** Caps on open peers, checked before each upgrade (0 turns one off). */
        private final Limits limits = new Limits();

        /** Authentication before the upgrade on the dedicated port. */
        private final Auth auth = new Auth();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Integer getPort() {
            return this.port;
        }

        public void setPort(@Nullable Integer port) {
            if (port != null && (port < 0 || port > 65535)) {
                throw new IllegalArgumentException(
                        "peersocket.server.port must be between 0 and 65535 but was " + port);
            }
            this.port = port;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("peersocket.server.path must start with '/' but was '" + path + "'");
            }
            this.path = path;
        }

        public @Nullable String getBindAddress() {
            return this.bindAddress;
        }

        public void setBindAddress(@Nullable String bindAddress) {
            this.bindAddress = bindAddress;
        }

        public boolean isForwardHeaders() {
            return this.forwardHeaders;
        }

        public ProxyProtocol getProxyProtocol() {
            return this.proxyProtocol;
        }

        public void setProxyProtocol(ProxyProtocol proxyProtocol) {
            this.proxyProtocol = proxyProtocol;
        }

        public void setForwardHeaders(boolean forwardHeaders) {
            this.forwardHeaders = forwardHeaders;
        }

        public List<String> getProtocols() {
            return this.protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public WriteMode getWriteMode() {
            return this.writeMode;
        }

        public void setWriteMode(WriteMode writeMode) {
            this.writeMode = writeMode;
        }

        public DispatchMode getDispatch() {
            return this.dispatch;
        }

        public void setDispatch(DispatchMode dispatch) {
            this.dispatch = dispatch;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            requirePositive("peersocket.server.handshake-timeout", handshakeTimeout);
            this.handshakeTimeout = handshakeTimeout;
        }

        public Map<String, String> getExtraHeaders() {
            return this.extraHeaders;
        }

        public void setExtraHeaders(Map<String, String> extraHeaders) {
            this.extraHeaders = extraHeaders;
        }

        public List<String> getAllowedOrigins() {
            return this.allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public int getHandlerThreads() {
            return this.handlerThreads;
        }

        public void setHandlerThreads(int handlerThreads) {
            if (handlerThreads < 1) {
                throw new IllegalArgumentException(
                        "peersocket.server.handler-threads must be at least 1 but was " + handlerThreads);
            }
            this.handlerThreads = handlerThreads;
        }

        public boolean isCloseOnHandlerError() {
            return this.closeOnHandlerError;
        }

        public void setCloseOnHandlerError(boolean closeOnHandlerError) {
            this.closeOnHandlerError = closeOnHandlerError;
        }

        public boolean isHandlerMdc() {
            return this.handlerMdc;
        }

        public void setHandlerMdc(boolean handlerMdc) {
            this.handlerMdc = handlerMdc;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Duration getPingInterval() {
            return this.pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            requireNotNegative("peersocket.server.ping-interval", pingInterval);
            this.pingInterval = pingInterval;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            requireNotNegative("peersocket.server.idle-timeout", idleTimeout);
            this.idleTimeout = idleTimeout;
        }

        /**
         * @return the ping interval and idle timeout, checked together
         */
        public LivenessSettings toLiveness() {
            return LivenessSettings.of(this.pingInterval, this.idleTimeout, "peersocket.server.ping-interval",
                    "peersocket.server.idle-timeout");
        }

        public Duration getSendTimeLimit() {
            return this.sendTimeLimit;
        }

        public void setSendTimeLimit(Duration sendTimeLimit) {
            if (sendTimeLimit.isNegative() || sendTimeLimit.isZero()) {
                throw new IllegalArgumentException(
                        "peersocket.server.send-time-limit must be positive but was " + sendTimeLimit);
            }
            this.sendTimeLimit = sendTimeLimit;
        }

        public Buffers getBuffers() {
            return this.buffers;
        }

        public Variant getVariant() {
            return this.variant;
        }

        public Multiplayer getMultiplayer() {
            return this.multiplayer;

        }

        public Ssl getSsl() {
            return this.ssl;
        }

        public Limits getLimits() {
            return this.limits;
        }

        public Auth getAuth() {
            return this.auth;
        }

        private static void requirePositive(String name, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + duration);
            }
        }

        static void requireNotNegative(String name, Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative (0 turns it off) but was " + duration);
            }
        }

    }

    /**
     * The multiplayer relay endpoints: those at 'path' and those
     * of @PacketHandler(multiplayer = true) beans. They speak the engine's relay protocol
     * (gd_mp_api = true) with the application as peer 1.
     */
    public static class Multiplayer {

        /**
         * Path served as a multiplayer relay, even without a @PacketHandler bean there (a
         * pure relay); a handler bean at this path is the relay's own application, peer
         * 1.
         */
        private @Nullable String path;

        /**
         * Whether a client that breaks the relay protocol (a spoofed 'from', a system
         * message, a message shorter than the 9-byte header, a text frame) is also
         * closed, with 1008 (1003 for a text frame). Such messages are always dropped,
         * logged and counted.
         */
        private boolean strict = false;

        /**
         * Whether clients' packets are relayed to other clients. False for
         * server-authoritative games: clients then reach only the application (peer 1),
         * and a packet addressed to another client is dropped and counted.
         */
        private boolean clientToClient = true;

        /**
         * Whether clients are told of each other (SYS_ADD and SYS_DEL). False: each
         * client knows only its own id and the server's.
         */
        private boolean announcePeers = true;

        public @Nullable String getPath() {
            return this.path;
        }

        public void setPath(@Nullable String path) {
            if (path != null && !path.startsWith("/")) {
                throw new IllegalArgumentException(
                        "peersocket.server.multiplayer.path must start with '/' but was '" + path + "'");
            }
            this.path = path;
        }

        public boolean isStrict() {
            return this.strict;
        }

        public void setStrict(boolean strict) {
            this.strict = strict;
        }

        public boolean isClientToClient() {
            return this.clientToClient;
        }

        public void setClientToClient(boolean clientToClient) {
            this.clientToClient = clientToClient;
        }

        public boolean isAnnouncePeers() {
            return this.announcePeers;
        }

        public void setAnnouncePeers(boolean announcePeers) {
            this.announcePeers = announcePeers;
        }

        /**
         * @return the options as the relay takes them
         */
        public RelayOptions toOptions() {
            return new RelayOptions(this.strict, this.clientToClient, this.announcePeers);

        }

    }

    /** The client template, as the engine's WebSocketClient. */
    public static class Client {

        /** Whether to auto-configure the client builder and the named connections. */
        private boolean enabled = true;

        /**
         * Number of threads that run push-mode client signals; one client's signals never
         * run at once.
         */
        private int handlerThreads = Math.max(4, Runtime.getRuntime().availableProcessors());

        /**
         * Time each named connection waits on shutdown for its close handshake (after
         * 1001).
         */
        private Duration shutdownTimeout = Duration.ofSeconds(5);

        /**
         * Whether each call of a client's handler runs with the server's peer id (1), the
         * URL's path and the connection's name in the logging MDC (peersocket.peer.id,
         * peersocket.endpoint, peersocket.client).
         */
        private boolean handlerMdc = true;

        /**
         * Named connections, opened when the application starts; their signals go
         * to @PacketHandler(client = "<name>").
         */
        private Map<String, ClientConnection> connections = new LinkedHashMap<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getHandlerThreads() {
            return this.handlerThreads;
        }

        public void setHandlerThreads(int handlerThreads) {
            if (handlerThreads < 1) {
                throw new IllegalArgumentException(
                        "peersocket.client.handler-threads must be at least 1 but was " + handlerThreads);
            }
            this.handlerThreads = handlerThreads;
        }

        public boolean isHandlerMdc() {
            return this.handlerMdc;
        }

        public void setHandlerMdc(boolean handlerMdc) {
            this.handlerMdc = handlerMdc;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Map<String, ClientConnection> getConnections() {
            return this.connections;
        }

        public void setConnections(Map<String, ClientConnection> connections) {
            this.connections = connections;
        }

    }

    /**
     * One named client connection, as a WebSocketClient and its connect_to_url arguments.
     */
    public static class ClientConnection {

        /** URL to connect to: ws://host[:port]/path or wss://host[:port]/path. */
        private @Nullable String url;

        /**
         * Subprotocols to ask for, in order of preference; the server must select one of
         * them.
         */
        private List<String> protocols = new ArrayList<>();

        /** Extra request headers of the upgrade (the engine's custom_headers). */
        private Map<String, String> headers = new LinkedHashMap<>();

        /**
         * Whether to connect when the application starts; otherwise call
         * PeerSocketClient.connect().
         */
        private boolean autoConnect = true;

        /**
         * Whether the server speaks the engine's multiplayer relay protocol (gd_mp_api):
         * no subprotocol, binary frames with the 9-byte header; the client is then
         * reached through PeerSocketClient.multiplayer() and its listeners get the relay
         * signals.
         */
        private boolean multiplayer = false;

        /**
         * When signals reach the handler: 'push' (on handler threads, in order) or 'poll'
         * (only inside PeerSocketClient.poll(), on the calling thread, as in the engine).
         */
        private DispatchMode dispatch = DispatchMode.PUSH;

        /**
         * Initial write mode of peer 1 (the server): how put_packet frames bytes. The
         * engine's default is BINARY.
         */
        private WriteMode writeMode = WriteMode.BINARY;

        /**
         * Time connecting (TCP, TLS and the upgrade) may take before connection_error.
         */
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        /**
         * Time between two pings the client sends the server once connected; 0 sends
         * none.
         */
        private Duration pingInterval = Duration.ofSeconds(25);

        /**
         * Time after which a connection on which no complete frame (data, ping, pong,
         * close) arrived is dropped (connection_closed, unclean; then the reconnect
         * policy applies); 0 never drops. Must exceed ping-interval.
         */
        private Duration idleTimeout = Duration.ofSeconds(60);

        /**
         * Whether wss:// certificates and host names are verified (the engine's
         * verify_ssl). Turn off for development only.
         */
        private boolean verifySsl = true;

        /** TLS settings for wss:// URLs. */
        private final ClientSsl ssl = new ClientSsl();

        /** Limits of the connection, as the engine's set_buffers. */
        private final Buffers buffers = new Buffers();

        /**
         * Reconnecting after a connection error or a close the application did not ask
         * for.
         */
        private final Reconnect reconnect = new Reconnect();

        /**
         * The Variant encoding of put_var / get_var on peer 1 and of Variant handler
         * payloads.
         */
        private final Variant variant = new Variant();

        public Variant getVariant() {
            return this.variant;
        }

        public @Nullable String getUrl() {
            return this.url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public List<String> getProtocols() {
            return this.protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public Map<String, String> getHeaders() {
            return this.headers;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        public boolean isAutoConnect() {
            return this.autoConnect;
        }

        public void setAutoConnect(boolean autoConnect) {
            this.autoConnect = autoConnect;
        }

        public boolean isMultiplayer() {
            return this.multiplayer;
        }

        public void setMultiplayer(boolean multiplayer) {
            this.multiplayer = multiplayer;
        }

        public DispatchMode getDispatch() {
            return this.dispatch;
        }

        public void setDispatch(DispatchMode dispatch) {
            this.dispatch = dispatch;
        }

        public WriteMode getWriteMode() {
            return this.writeMode;
        }

        public void setWriteMode(WriteMode writeMode) {
            this.writeMode = writeMode;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("handshake-timeout must be positive but was " + handshakeTimeout);
            }
            this.handshakeTimeout = handshakeTimeout;
        }

        public Duration getPingInterval() {
            return this.pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            Server.requireNotNegative("ping-interval", pingInterval);
            this.pingInterval = pingInterval;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            Server.requireNotNegative("idle-timeout", idleTimeout);
            this.idleTimeout = idleTimeout;
        }

        public boolean isVerifySsl() {
            return this.verifySsl;
        }

        public void setVerifySsl(boolean verifySsl) {
            this.verifySsl = verifySsl;
        }

        public ClientSsl getSsl() {
            return this.ssl;
        }

        public Buffers getBuffers() {
            return this.buffers;
        }

        public Reconnect getReconnect() {
            return this.reconnect;
        }

    }

    /** TLS of a client connection. */
    public static class ClientSsl {

        /**
         * Name of the SSL bundle (spring.ssl.bundle.*) whose trust store holds the only
         * certificates accepted (the engine's trusted_ssl_certificate). Unset: the JVM's
         * trust store.
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

    }

    /** Reconnect with exponential backoff and jitter. */
    public static class Reconnect {

        /**
         * Whether to reconnect after a connection error or a close the application did
         * not ask for.
         */
        private boolean enabled = false;

        /** Wait before the first retry. */
        private Duration initialDelay = Duration.ofSeconds(1);

        /** Longest wait between retries. */
        private Duration maxDelay = Duration.ofSeconds(30);

        /** Factor by which each wait grows. */
        private double multiplier = 2.0;

        /**
         * Random spread of each wait, as a fraction (0.2: up to 20% shorter or longer).
         */
        private double jitter = 0.2;

        /** Consecutive retries before giving up; 0 for no limit. */
        private int maxAttempts = 0;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInitialDelay() {
            return this.initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /**
         * @return the policy, checked: a value out of range fails naming it
         */
        public io.peersocket.client.ReconnectPolicy toPolicy() {
            return new io.peersocket.client.ReconnectPolicy(this.enabled, this.initialDelay, this.maxDelay,
                    this.multiplier, this.jitter, this.maxAttempts);
        }

    }

    /** TLS settings of the dedicated port. */
    public static class Ssl {

        /**
         * Name of the SSL bundle (spring.ssl.bundle.*) whose key and certificate the
         * dedicated port serves; set, the port speaks wss:// only, as the engine's server
         * with a certificate.
         */
        private @Nullable String bundle;

        /**
         * Whether the dedicated port asks clients for a certificate, checked against the
         * bundle's trust store: none, want (asked, not required) or need (a client
         * without one is refused).
         */
        private ClientAuth clientAuth = ClientAuth.NONE;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public ClientAuth getClientAuth() {
            return this.clientAuth;
        }

        public void setClientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }

    }

    /** Client certificates on the dedicated port's TLS (mTLS). */
    public enum ClientAuth {

        /** No client certificate is asked for. */
        NONE,

        /** A certificate is asked for; a client without one still connects. */
        WANT,

        /** A client without a trusted certificate fails the TLS handshake. */
        NEED

    }

    /**
     * Caps on open peers over both transports, checked before each upgrade: past one, the
     * upgrade is refused with an HTTP status at once, counted and logged at DEBUG. 0 (the
     * default) turns a cap off.
     */
    public static class Limits {

        /**
         * Most open peers over all endpoints; past it an upgrade gets 503. 0 for no cap.
         */
        private int maxPeers = 0;

        /**
         * Most open peers of one endpoint; past it an upgrade to that endpoint gets 503.
         * 0 for no cap.
         */
        private int maxPeersPerEndpoint = 0;

        /**
         * Most open peers from one remote IP address; past it an upgrade from that
         * address gets 429. 0 for no cap.
         */
        private int maxPeersPerAddress = 0;

        /**
         * Most packets per second one peer may send; the burst allowance is one second's
         * worth. Past it, {@code rate-exceeded} decides. 0 for no limit.
         */
        private int packetsPerSecond = 0;

        /**
         * Most payload bytes per second one peer may send; the burst allowance is one
         * second's worth (a larger message passes once that much is saved). Past it,
         * {@code rate-exceeded} decides. 0 for no limit.
         */
        private long bytesPerSecond = 0;

        /**
         * What happens to a packet past packets-per-second or bytes-per-second:
         * {@code drop} (it is dropped and counted as a drop with reason {@code rate}) or
         * {@code close} (the peer is closed with 1008 "rate limit").
         */
        private TrafficLimits.RateExceeded rateExceeded = TrafficLimits.RateExceeded.DROP;

        /**
         * How long put_packet may keep refusing packets because a peer's output limit is
         * full before the peer is dropped (without a close frame, which could not reach
         * it) as a slow reader. 0 to keep slow readers.
         */
        private Duration slowReaderTimeout = Duration.ofSeconds(30);

        public int getPacketsPerSecond() {
            return this.packetsPerSecond;
        }

        public void setPacketsPerSecond(int packetsPerSecond) {
            if (packetsPerSecond < 0) {
                throw new IllegalArgumentException(
                        "peersocket.server.limits.packets-per-second must be 0 (no limit) or more but was "
                                + packetsPerSecond);
            }
            this.packetsPerSecond = packetsPerSecond;
        }

        public long getBytesPerSecond() {
            return this.bytesPerSecond;
        }

        public void setBytesPerSecond(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException(
                        "peersocket.server.limits.bytes-per-second must be 0 (no limit) or more but was "
                                + bytesPerSecond);
            }
            this.bytesPerSecond = bytesPerSecond;
        }

        public TrafficLimits.RateExceeded getRateExceeded() {
            return this.rateExceeded;
        }

        public void setRateExceeded(TrafficLimits.RateExceeded rateExceeded) {
            this.rateExceeded = rateExceeded;
        }

        public Duration getSlowReaderTimeout() {
            return this.slowReaderTimeout;
        }

        public void setSlowReaderTimeout(Duration slowReaderTimeout) {
            Server.requireNotNegative("peersocket.server.limits.slow-reader-timeout", slowReaderTimeout);
            this.slowReaderTimeout = slowReaderTimeout;
        }

        /**
         * @return the per-peer rates and slow-reader policy as the core takes them
         */
        public TrafficLimits toTrafficLimits() {
            return new TrafficLimits(this.packetsPerSecond, this.bytesPerSecond, this.rateExceeded,
                    this.slowReaderTimeout);
        }

        public int getMaxPeers() {
            return this.maxPeers;
        }

        public void setMaxPeers(int maxPeers) {
            this.maxPeers = check("max-peers", maxPeers);
        }

        public int getMaxPeersPerEndpoint() {
            return this.maxPeersPerEndpoint;
        }

        public void setMaxPeersPerEndpoint(int maxPeersPerEndpoint) {
            this.maxPeersPerEndpoint = check("max-peers-per-endpoint", maxPeersPerEndpoint);
        }

        public int getMaxPeersPerAddress() {
            return this.maxPeersPerAddress;
        }

        public void setMaxPeersPerAddress(int maxPeersPerAddress) {
            this.maxPeersPerAddress = check("max-peers-per-address", maxPeersPerAddress);
        }

        /**
         * @return the caps as the transports take them
         */
        public ConnectionLimits toLimits() {
            return new ConnectionLimits(this.maxPeers, this.maxPeersPerEndpoint, this.maxPeersPerAddress);
        }

        private static int check(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(
                        "peersocket.server.limits." + name + " must be 0 (no cap) or more but was " + value);
            }
            return value;
        }

    }

    /**
     * Per-peer limits; each value is rounded up to a power of two, as in the engine. The
     * defaults are written as literals (the engine's, as in
     * {@link BufferLimits#DEFAULTS}) so that the configuration metadata shows them.
     */
    public static class Buffers {

        /**
         * Input buffer in KiB: the largest message accepted (larger ones close with 1009)
         * and the most unread bytes queued.
         */
        private int inKib = 64;

        /**
         * Most unread packets queued per peer; past it reading pauses (TCP backpressure).
         */
        private int inPackets = 1024;

        /**
         * Most unsent bytes queued per peer, in KiB; past it put_packet returns
         * ERR_OUT_OF_MEMORY.
         */
        private int outKib = 64;

        /**
         * Most unsent packets queued per peer; past it put_packet returns
         * ERR_OUT_OF_MEMORY.
         */
        private int outPackets = 1024;

        public int getInKib() {
            return this.inKib;
        }

        public void setInKib(int inKib) {
            this.inKib = check("in-kib", inKib, BufferLimits.MAX_KIB);
        }

        public int getInPackets() {
            return this.inPackets;
        }

        public void setInPackets(int inPackets) {
            this.inPackets = check("in-packets", inPackets, BufferLimits.MAX_PACKETS);
        }

        public int getOutKib() {
            return this.outKib;
        }

        public void setOutKib(int outKib) {
            this.outKib = check("out-kib", outKib, BufferLimits.MAX_KIB);
        }

        public int getOutPackets() {
            return this.outPackets;
        }

        public void setOutPackets(int outPackets) {
            this.outPackets = check("out-packets", outPackets, BufferLimits.MAX_PACKETS);
        }

        /**
         * @return the limits as the core takes them
         */
        public BufferLimits toLimits() {
            return new BufferLimits(this.inKib, this.inPackets, this.outKib, this.outPackets);
        }

        private static int check(String name, int value, int max) {
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(name + " must be between 1 and " + max + " but was " + value);
            }
            return value;
        }

    }

    /**
     * The engine's Variant encoding (put_var, get_var), per server or client connection.
     */
    public static class Variant {

        /**
         * Whose Variant type table to speak: 'godot-3' (Godot 3.2 to 3.6) or
         * 'pandemonium'.
         */
        private VariantDialect dialect = VariantDialect.GODOT_3;

        /**
         * Whether get_var() decodes objects sent whole (put_var(object, true)), as the
         * engine's allow_object_decoding. Off by default, as in the engine: the sender
         * chooses the class and its properties.
         */
        private boolean allowObjectDecoding = false;

        /**
         * Largest encoding put_var sends, in KiB (the engine's encode_buffer_max_size, 8
         * MiB); larger values get ERR_OUT_OF_MEMORY.
         */
        private int encodeBufferMaxKib = 8192;

        public VariantDialect getDialect() {
            return this.dialect;
        }

        public void setDialect(VariantDialect dialect) {
            this.dialect = dialect;
        }

        public boolean isAllowObjectDecoding() {
            return this.allowObjectDecoding;
        }

        public void setAllowObjectDecoding(boolean allowObjectDecoding) {
            this.allowObjectDecoding = allowObjectDecoding;
        }

        public int getEncodeBufferMaxKib() {
            return this.encodeBufferMaxKib;
        }

        public void setEncodeBufferMaxKib(int encodeBufferMaxKib) {
            if (encodeBufferMaxKib < 1 || encodeBufferMaxKib > 1024 * 1024) {
                throw new IllegalArgumentException(
                        "encode-buffer-max-kib must be between 1 and 1048576 but was " + encodeBufferMaxKib);
            }
            this.encodeBufferMaxKib = encodeBufferMaxKib;
        }

        /**
         * @return the settings as the peers take them
         */
        public VariantSettings toSettings() {
            return new VariantSettings(new VariantCodec(this.dialect, this.encodeBufferMaxKib * 1024),
                    this.allowObjectDecoding);
        }

    }

    /**
     * Whether the dedicated port reads a PROXY protocol header before each connection's
     * request.
     */
    public enum ProxyProtocol {

        /**
         * No PROXY header is read: the address is the socket's (or a forwarded header's).
         */
        OFF,

        /**
         * Every connection must start with a PROXY header; its source address is the
         * client's.
         */
        ON,

        /**
         * A PROXY header is read when a connection starts with one; else the socket's
         * address.
         */
        AUTO

    }

    /**
     * Authentication before the upgrade on the dedicated port (the servlet transport uses
     * the application's filters), and the authorities endpoints need, on every transport.
     */
    public static class Auth {

        /**
         * Query parameter of the upgrade request that may carry a bearer token, for
         * browsers, which cannot set headers on a WebSocket (for example 'access_token').
         * Read only when no Authorization header was sent. Unset: tokens are read from
         * the Authorization header only.
         */
        private @Nullable String queryParameter;

        public @Nullable String getQueryParameter() {
            return this.queryParameter;
        }

        public void setQueryParameter(@Nullable String queryParameter) {
            this.queryParameter = queryParameter;
        }

        /**
         * Dedicated port: endpoint paths where a client that sends no credentials
         * connects anonymously, without a principal, when an authenticator is active
         * (credentials it does send are still checked: a bad token gets 401). By default
         * every path needs credentials.
         */
        private List<String> anonymousPaths = new ArrayList<>();

        /**
         * Authorities a client needs, any one of them, per endpoint path (keys in
         * brackets: 'peersocket.server.auth.authorities[/mp]=ROLE_PLAYER'), on every
         * transport and for multiplayer relays too; checked before the upgrade (401
         * without a principal, 403 without one of them), besides those
         * of @PacketHandler(authorities).
         */
        private Map<String, List<String>> authorities = new LinkedHashMap<>();

        public List<String> getAnonymousPaths() {
            return this.anonymousPaths;
        }

        public void setAnonymousPaths(List<String> anonymousPaths) {
            this.anonymousPaths = anonymousPaths;
        }

        public Map<String, List<String>> getAuthorities() {
            return this.authorities;
        }

        public void setAuthorities(Map<String, List<String>> authorities) {
            this.authorities = authorities;
        }

    }

}
