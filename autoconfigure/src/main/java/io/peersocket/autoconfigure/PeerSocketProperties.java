package io.peersocket.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.peersocket.core.DispatchMode;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.WriteMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of peersocket, under {@code peersocket}. Setters reject values out of range, so
 * a bad value fails startup with a message that names the property.
 */
@ConfigurationProperties("peersocket")
public class PeerSocketProperties {

    private final Server server = new Server();

    public Server getServer() {
        return this.server;
    }

    /** The WebSocket server, as the engine's WebSocketServer. */
    public static class Server {

        /** Whether to start the server for the application's @PacketHandler beans. */
        private boolean enabled = true;

        /**
         * Dedicated port for the WebSocket endpoints, served by an embedded Reactor Netty server of
         * its own (0 picks a free port, published as 'local.peersocket.port'). Unset: the endpoints
         * are served at their paths of the application's own servlet web server.
         */
        private @Nullable Integer port;

        /** Path of the endpoint for @PacketHandler beans that name none. */
        private String path = "/";

        /** Address the dedicated port binds to; unset or '*' for every address (the engine's bind_ip). */
        private @Nullable String bindAddress;

        /**
         * Subprotocols offered by @PacketHandler beans that name none. The first protocol of the
         * client's list that is offered wins; a client that asks for none of them is refused.
         */
        private List<String> protocols = new ArrayList<>();

        /** Initial write mode of each peer: how put_packet frames bytes. The engine's default is BINARY. */
        private WriteMode writeMode = WriteMode.BINARY;

        /**
         * When signals reach the application: 'push' (on handler threads, serial per peer) or
         * 'poll' (only inside PeerSocketServer.poll(), on the calling thread, as in the engine).
         */
        private DispatchMode dispatch = DispatchMode.PUSH;

        /** Time a connection has to complete the WebSocket upgrade before it is closed. */
        private Duration handshakeTimeout = Duration.ofSeconds(3);

        /** Extra headers added to every 101 Switching Protocols response (set_extra_headers). */
        private Map<String, String> extraHeaders = new LinkedHashMap<>();

        /**
         * Origin patterns allowed to open a socket from a browser ('*' for all). Empty: only the same
         * host and port. Requests without an Origin header (native game clients) are always accepted.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Number of threads that run push-mode handler methods; handlers may block. */
        private int handlerThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

        /** Whether a handler method that throws closes its peer with 1011. */
        private boolean closeOnHandlerError = false;

        /** Time the server waits on shutdown for its peers to finish their close handshake (after 1001). */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /** Per-peer limits, as the engine's set_buffers. */
        private final Buffers buffers = new Buffers();

        /** The multiplayer relay (the engine's gd_mp_api = true). */
        private final Multiplayer multiplayer = new Multiplayer();

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
                throw new IllegalArgumentException("peersocket.server.port must be between 0 and 65535 but was " + port);
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
                throw new IllegalArgumentException("peersocket.server.handler-threads must be at least 1 but was " + handlerThreads);
            }
            this.handlerThreads = handlerThreads;
        }

        public boolean isCloseOnHandlerError() {
            return this.closeOnHandlerError;
        }

        public void setCloseOnHandlerError(boolean closeOnHandlerError) {
            this.closeOnHandlerError = closeOnHandlerError;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Buffers getBuffers() {
            return this.buffers;
        }

        public Multiplayer getMultiplayer() {
            return this.multiplayer;
        }

        private static void requirePositive(String name, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + duration);
            }
        }

    }

    /**
     * The multiplayer relay endpoints: those at 'path' and those of @PacketHandler(multiplayer = true)
     * beans. They speak the engine's relay protocol (gd_mp_api = true) with the application as peer 1.
     */
    public static class Multiplayer {

        /**
         * Path served as a multiplayer relay, even without a @PacketHandler bean there (a pure relay);
         * a handler bean at this path is the relay's own application, peer 1.
         */
        private @Nullable String path;

        /**
         * Whether a client that breaks the relay protocol (a spoofed 'from', a system message, a message
         * shorter than the 9-byte header, a text frame) is also closed, with 1008 (1003 for a text frame).
         * Such messages are always dropped, logged and counted.
         */
        private boolean strict = false;

        /**
         * Whether clients' packets are relayed to other clients. False for server-authoritative games:
         * clients then reach only the application (peer 1), and a packet addressed to another client
         * is dropped and counted.
         */
        private boolean clientToClient = true;

        /**
         * Whether clients are told of each other (SYS_ADD and SYS_DEL). False: each client knows only
         * its own id and the server's.
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

        /** @return the options as the relay takes them */
        public RelayOptions toOptions() {
            return new RelayOptions(this.strict, this.clientToClient, this.announcePeers);
        }

    }

    /** Per-peer limits; each value is rounded up to a power of two, as in the engine. */
    public static class Buffers {

        /** Input buffer in KiB: the largest message accepted (larger ones close with 1009) and the most unread bytes queued. */
        private int inKib = BufferLimits.DEFAULT_KIB;

        /** Most unread packets queued per peer; past it reading pauses (TCP backpressure). */
        private int inPackets = BufferLimits.DEFAULT_PACKETS;

        /** Most unsent bytes queued per peer, in KiB; past it put_packet returns ERR_OUT_OF_MEMORY. */
        private int outKib = BufferLimits.DEFAULT_KIB;

        /** Most unsent packets queued per peer; past it put_packet returns ERR_OUT_OF_MEMORY. */
        private int outPackets = BufferLimits.DEFAULT_PACKETS;

        public int getInKib() {
            return this.inKib;
        }

        public void setInKib(int inKib) {
            this.inKib = check("peersocket.server.buffers.in-kib", inKib, BufferLimits.MAX_KIB);
        }

        public int getInPackets() {
            return this.inPackets;
        }

        public void setInPackets(int inPackets) {
            this.inPackets = check("peersocket.server.buffers.in-packets", inPackets, BufferLimits.MAX_PACKETS);
        }

        public int getOutKib() {
            return this.outKib;
        }

        public void setOutKib(int outKib) {
            this.outKib = check("peersocket.server.buffers.out-kib", outKib, BufferLimits.MAX_KIB);
        }

        public int getOutPackets() {
            return this.outPackets;
        }

        public void setOutPackets(int outPackets) {
            this.outPackets = check("peersocket.server.buffers.out-packets", outPackets, BufferLimits.MAX_PACKETS);
        }

        /** @return the limits as the core takes them */
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

}
