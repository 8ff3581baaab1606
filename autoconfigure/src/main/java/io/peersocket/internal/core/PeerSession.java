package io.peersocket.internal.core;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.peersocket.peer.BufferLimits;
import io.peersocket.peer.HandshakeInfo;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.PeerListener;
import io.peersocket.peer.VariantResult;
import io.peersocket.peer.WriteMode;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A peer as the core keeps it: its queue of unread packets and the accounting of its
 * unsent ones against {@link BufferLimits}, its write mode and its close state.
 */
public final class PeerSession implements Peer {

    private static final Log logger = LogFactory.getLog(PeerSession.class);

    private static final byte[] EMPTY = new byte[0];

    // Any client can make a peer a slow reader: one INFO line per second at most, the
    // others at DEBUG.
    private static final AtomicLong nextSlowReaderInfo = new AtomicLong(System.nanoTime());

    private final int id;

    private final PeerEndpoint endpoint;

    private final String protocol;

    private final Connection connection;

    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    private final PeerListener listener;

    private final Executor events;

    private final BufferLimits limits;

    private final long connectedAt = System.currentTimeMillis();

    // Unread packets; guarded by itself, as are inboundBytes and readingPaused.
    private final ArrayDeque<Packet> inbound = new ArrayDeque<>();

    private int inboundBytes;

    private boolean readingPaused;

    private volatile boolean lastWasString;

    private volatile PeerError lastGetError = PeerError.OK;

    // Held while reserving room and while closing, so that nothing is reserved after a
    // close; the
    // transport keeps whole messages apart itself.
    private final Object sendLock = new Object();

    private final AtomicInteger outboundBytes = new AtomicInteger();

    private final AtomicInteger outboundPackets = new AtomicInteger();

    private boolean dropLogged;

    // Slow readers: when put_packet began refusing packets for a full output limit (0
    // while it
    // accepts them); guarded by sendLock.
    private long outputFullSinceNanos;

    private volatile boolean slowReader;

    // Rates: token buckets read and written only by the transport thread reading this
    // peer (one
    // at a time), so plain fields; double so that any rate refills without rounding to
    // nothing.
    private final TrafficLimits traffic;

    private final long slowReaderNanos;

    private double packetTokens;

    private double byteTokens;

    private long lastRefillNanos;

    private boolean rateLogged;

    private volatile WriteMode writeMode;

    private volatile boolean open = true;

    private volatile boolean closedLocally;

    /** The name of the {@code data_received} signal (observations, MDC). */
    public static final String SIGNAL_DATA_RECEIVED = "data_received";

    // The name a callback dispatched without one is observed under.
    private static final String SIGNAL_UNNAMED = "callback";

    // data_received is signalled once per message: made once, not per message.
    private final Runnable dataReceivedEvent;

    // Liveness: set by the transport on each complete frame, taken by the sweep. The last
    // two are
    // the sweep's own (one thread), published to it by the registry.
    private volatile boolean heard;

    private volatile boolean timedOut;

    long lastHeardNanos = System.nanoTime();

    long lastPingNanos = this.lastHeardNanos;

    PeerSession(int id, PeerEndpoint endpoint, String protocol, Connection connection, PeerListener listener,
            Executor events) {
        this.id = id;
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.connection = connection;
        this.listener = listener;
        this.events = events;
        this.limits = endpoint.limits();
        this.writeMode = endpoint.writeMode();
        this.traffic = endpoint.runtime().trafficLimits();
        this.slowReaderNanos = this.traffic.slowReaderTimeout().toNanos();
        this.packetTokens = this.traffic.packetsPerSecond();
        this.byteTokens = this.traffic.bytesPerSecond();
        this.lastRefillNanos = System.nanoTime();
        Runnable signal = () -> listener.dataReceived(this);
        this.dataReceivedEvent = () -> endpoint.runtime().invoke(this, SIGNAL_DATA_RECEIVED, signal);
        connection.attach(this);
    }

    @Override
    public int id() {
        return this.id;
    }

    @Override
    public String protocol() {
        return this.protocol;
    }

    @Override
    public String path() {
        return this.endpoint.path();
    }

    /**
     * @return when the upgrade completed, in epoch milliseconds
     */
    public long connectedAt() {
        return this.connectedAt;
    }

    // ---- sending ----

    @Override
    public VariantSettings variantSettings() {
        return this.endpoint.runtime().variants();
    }

    @Override
    public VariantResult getVar(boolean allowObjects) {
        VariantResult result = Peer.super.getVar(allowObjects);
        if (result.error() == PeerError.ERR_INVALID_DATA) {
            countInvalidVariant();
        }
        return result;
    }

    /** Counts a packet that get_var could not decode (logged where it was read). */
    public void countInvalidVariant() {
        this.endpoint.runtime().observer().dropped(path(), "invalid-variant");
    }

    @Override
    public PeerError putPacket(byte[] data) {
        return send(data, this.writeMode);
    }

    @Override
    public PeerError send(String text) {
        return enqueue(new Packet(text.getBytes(StandardCharsets.UTF_8), true));
    }

    @Override
    public PeerError send(byte[] data, WriteMode mode) {
        return enqueue(new Packet(data, mode == WriteMode.TEXT));
    }

    private PeerError enqueue(Packet packet) {
        int size = packet.data().length;
        boolean stuck = false;
        synchronized (this.sendLock) {
            if (!this.open || this.closedLocally) {
                return PeerError.ERR_UNAVAILABLE;
            }
            if (this.outboundPackets.get() >= this.limits.outPackets()
                    || this.outboundBytes.get() + size > this.limits.outBytes()) {
                stuck = outputStuck();
                if (!stuck) {
                    return dropped();
                }
            }
            else {
                this.outputFullSinceNanos = 0;
            }
            if (!stuck) {
                this.outboundPackets.incrementAndGet();
                this.outboundBytes.addAndGet(size);
            }
        }
        if (stuck) {
            dropSlowReader();
            return PeerError.ERR_OUT_OF_MEMORY;
        }
        // Outside the lock: the transport keeps whole messages in order itself (the
        // reactive
        // connection's monitor, the servlet writer queue), so this lock covers the
        // accounting only.
        this.connection.send(packet);
        return PeerError.OK;
    }

    // Caller holds sendLock. Whether the output limit has now refused packets for the
    // whole
    // slow-reader timeout: checked only on a refusal, so accepted packets never read the
    // clock.
    private boolean outputStuck() {
        if (this.slowReaderNanos == 0) {
            return false;
        }
        long now = System.nanoTime();
        if (this.outputFullSinceNanos == 0) {
            this.outputFullSinceNanos = (now == 0) ? 1 : now;
            return false;
        }
        if (now - this.outputFullSinceNanos < this.slowReaderNanos) {
            return false;
        }
        // Closing: later sends get ERR_UNAVAILABLE and the peer is dropped once.
        this.slowReader = true;
        this.closedLocally = true;
        return true;
    }

    // A close frame would wait behind the unsent data the peer does not read: the
    // connection is
    // dropped instead, which also frees its output at once.
    private void dropSlowReader() {
        this.endpoint.runtime().observer().dropped(path(), TrafficLimits.SLOW_READER);
        String line = this + " from " + remoteAddress() + " took nothing from its full output limit for "
                + this.traffic.slowReaderTimeout().toMillis() + " ms: slow reader, dropping it";
        long next = nextSlowReaderInfo.get();
        long now = System.nanoTime();
        if (now - next >= 0 && nextSlowReaderInfo.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(1))) {
            logger.info(line + " (more within a second at DEBUG)");
        }
        else if (logger.isDebugEnabled()) {
            logger.debug(line);
        }
        this.connection.abort();
    }

    /**
     * @return whether the peer was dropped because its output limit stayed full
     */
    public boolean slowReader() {
        return this.slowReader;
    }

    /**
     * Takes one received packet from the peer's rate ({@link TrafficLimits}). Called by
     * the transport thread reading this peer, once per whole message; no allocation, one
     * clock read.
     * @param size the payload size
     * @return {@code true} to deliver it; {@code false} when it exceeds the rate and was
     * dropped and counted, or the peer is being closed with 1008
     */
    boolean withinRate(int size) {
        if (!this.traffic.limitsRate()) {
            return true;
        }
        long now = System.nanoTime();
        double seconds = (now - this.lastRefillNanos) / 1e9;
        this.lastRefillNanos = now;
        int packets = this.traffic.packetsPerSecond();
        long bytes = this.traffic.bytesPerSecond();
        if (packets > 0) {
            this.packetTokens = Math.min(packets, this.packetTokens + seconds * packets);
        }
        if (bytes > 0) {
            this.byteTokens = Math.min(bytes, this.byteTokens + seconds * bytes);
        }
        if ((packets > 0 && this.packetTokens < 1) || (bytes > 0 && this.byteTokens <= 0)) {
            rateExceeded();
            return false;
        }
        this.packetTokens -= 1;
        this.byteTokens -= size;
        return true;
    }

    private void rateExceeded() {
        this.endpoint.runtime().observer().dropped(path(), TrafficLimits.RATE);
        boolean close = this.traffic.rateExceeded() == TrafficLimits.RateExceeded.CLOSE;
        if (!this.rateLogged) {
            this.rateLogged = true;
            if (logger.isDebugEnabled()) {
                logger.debug(this + " from " + remoteAddress() + " exceeded " + this.traffic.packetsPerSecond()
                        + " packets / " + this.traffic.bytesPerSecond() + " bytes per second: "
                        + (close ? "closing it with 1008" : "its excess is dropped; later drops are counted only"));
            }
        }
        if (close) {
            close(1008, TrafficLimits.RATE_LIMIT_REASON);
        }
    }

    // Caller holds sendLock.
    private PeerError dropped() {
        this.endpoint.runtime().observer().dropped(path(), "output-full");
        if (!this.dropLogged) {
            this.dropLogged = true;
            logger.warn("Output limit of peer " + this.id + " on " + path() + " is full (" + this.limits.outPackets()
                    + " packets / " + this.limits.outKiB()
                    + " KiB): put_packet returns ERR_OUT_OF_MEMORY and the packet is dropped; later drops are counted only");
        }
        return PeerError.ERR_OUT_OF_MEMORY;
    }

    /**
     * The transport has handed a packet to the socket: frees its room in the output
     * limits.
     * @param packet a packet given to {@link Connection#send(Packet)}
     */
    public void written(Packet packet) {
        this.outboundPackets.decrementAndGet();
        this.outboundBytes.addAndGet(-packet.data().length);
        this.endpoint.runtime().observer().sent(path(), packet.data().length, packet.string());
    }

    @Override
    public int getCurrentOutboundBufferedAmount() {
        return this.outboundBytes.get();
    }

    /**
     * @return packets queued for sending and not yet handed to the socket
     */
    public int getCurrentOutboundPacketCount() {
        return this.outboundPackets.get();
    }

    // ---- receiving ----

    /**
     * Queues a received packet for {@link #getPacket()}.
     * @param packet the packet
     * @return whether there is room for more (else the transport pauses reading until the
     * application has read one)
     */
    public boolean offerInbound(Packet packet) {
        synchronized (this.inbound) {
            this.inbound.add(packet);
            this.inboundBytes += packet.data().length;
            boolean room = this.inbound.size() < this.limits.inPackets() && this.inboundBytes < this.limits.inBytes();
            this.readingPaused = !room;
            return room;
        }
    }

    /**
     * @return the packet {@link #nextPacket()} would return, left in the queue, or
     * {@code null} (the multiplayer client's {@code get_packet_peer} reads its header)
     */
    public @Nullable Packet peekPacket() {
        synchronized (this.inbound) {
            return this.inbound.peek();
        }
    }

    @Override
    public @Nullable Packet nextPacket() {
        Packet packet;
        boolean resume = false;
        synchronized (this.inbound) {
            packet = this.inbound.poll();
            if (packet == null) {
                this.lastGetError = PeerError.ERR_UNAVAILABLE;
                return null;
            }
            this.inboundBytes -= packet.data().length;
            if (this.readingPaused) {
                this.readingPaused = false;
                resume = true;
            }
        }
        this.lastWasString = packet.string();
        this.lastGetError = PeerError.OK;
        if (resume) {
            this.connection.resumeReading();
        }
        return packet;
    }

    @Override
    public byte[] getPacket() {
        Packet packet = nextPacket();
        return (packet != null) ? packet.data() : EMPTY;
    }

    @Override
    public PeerError getPacketError() {
        return this.lastGetError;
    }

    @Override
    public int getAvailablePacketCount() {
        synchronized (this.inbound) {
            return this.inbound.size();
        }
    }

    /**
     * @return bytes received and not yet read by the application
     */
    public int getInboundBufferedAmount() {
        synchronized (this.inbound) {
            return this.inboundBytes;
        }
    }

    @Override
    public boolean wasStringPacket() {
        return this.lastWasString;
    }

    // ---- modes, state, addresses ----

    @Override
    public void setWriteMode(WriteMode mode) {
        this.writeMode = mode;
    }

    @Override
    public WriteMode getWriteMode() {
        return this.writeMode;
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this.sendLock) {
            if (!this.open || this.closedLocally) {
                return;
            }
            this.closedLocally = true;
            this.connection.close(code, reason);
        }
    }

    @Override
    public boolean isConnectedToHost() {
        return this.open && !this.closedLocally;
    }

    @Override
    public String getConnectedHost() {
        InetSocketAddress address = remoteAddress();
        return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
    }

    @Override
    public int getConnectedPort() {
        return remoteAddress().getPort();
    }

    @Override
    public HandshakeInfo handshake() {
        return this.connection.handshake();
    }

    @Override
    public Map<String, Object> attributes() {
        return this.attributes;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return this.connection.remoteAddress();
    }

    @Override
    public void setNoDelay(boolean enabled) {
        this.connection.setNoDelay(enabled);
    }

    // ---- liveness ----

    /**
     * A complete frame (data, ping, pong or close) arrived from the peer: it is alive.
     * Called by the transport for every frame, so it only reads a flag, and writes it
     * once per sweep.
     */
    public void heard() {
        if (!this.heard) {
            this.heard = true;
        }
    }

    // The sweep: whether a frame arrived since the last call.
    boolean takeHeard() {
        if (this.heard) {
            this.heard = false;
            return true;
        }
        return false;
    }

    // Reading is paused on a full input queue: the application is behind, not the peer.
    boolean isReadingPaused() {
        synchronized (this.inbound) {
            return this.readingPaused;
        }
    }

    /**
     * @return whether the peer was dropped for sending no frame within the idle timeout
     */
    public boolean timedOut() {
        return this.timedOut;
    }

    void markTimedOut() {
        this.timedOut = true;
    }

    void ping() {
        this.connection.ping();
    }

    /** Drops the connection without a close handshake; see {@link Connection#abort()}. */
    public void abort() {
        this.connection.abort();
    }

    /**
     * @return whether the transport still has the connection (closing included)
     */
    public boolean isOpen() {
        return this.open;
    }

    /**
     * @return whether the application asked for the close (then no close request is
     * signalled)
     */
    public boolean closedLocally() {
        return this.closedLocally;
    }

    void markClosed() {
        this.open = false;
    }

    // ---- events ----

    /**
     * @return the application's listener for this peer (chosen by its subprotocol)
     */
    public PeerListener listener() {
        return this.listener;
    }

    /**
     * Runs a signal of this peer's listener in the runtime's dispatch mode: after the
     * peer's earlier events, never two at once for one peer (push), or inside
     * {@code poll()} (poll). What it throws is logged, counted and answered by the
     * runtime's policy.
     * @param signal the signal
     */
    public void dispatch(Consumer<PeerListener> signal) {
        dispatch(SIGNAL_UNNAMED, signal);
    }

    /**
     * As {@link #dispatch(Consumer)}, naming the signal for observations.
     * @param name the signal's name, a constant such as {@code client_connected}
     * @param signal the signal
     */
    public void dispatch(String name, Consumer<PeerListener> signal) {
        dispatchEvent(name, () -> signal.accept(this.listener));
    }

    /**
     * Signals {@code data_received} as {@link #dispatch(Consumer)} does, without
     * allocating.
     */
    public void dispatchDataReceived() {
        this.events.execute(this.dataReceivedEvent);
    }

    /**
     * Runs any application callback in this peer's event order, as
     * {@link #dispatch(Consumer)}.
     * @param callback the callback
     */
    public void dispatchEvent(Runnable callback) {
        dispatchEvent(SIGNAL_UNNAMED, callback);
    }

    /**
     * As {@link #dispatchEvent(Runnable)}, naming the signal for observations.
     * @param name the signal's name, a constant such as {@code peer_connected}
     * @param callback the callback
     */
    public void dispatchEvent(String name, Runnable callback) {
        this.events.execute(() -> this.endpoint.runtime().invoke(this, name, callback));
    }

    /**
     * Runs this peer's last callback: its id is released first, so the application never
     * sees a new peer with the same id before this one's disconnect signal.
     * @param callback the disconnect signal
     */
    public void dispatchLast(Runnable callback) {
        dispatchLast(SIGNAL_UNNAMED, callback);
    }

    /**
     * As {@link #dispatchLast(Runnable)}, naming the signal for observations.
     * @param name the signal's name, a constant such as {@code client_disconnected}
     * @param callback the disconnect signal
     */
    public void dispatchLast(String name, Runnable callback) {
        this.events.execute(() -> {
            this.endpoint.runtime().registry().remove(this);
            this.endpoint.runtime().invoke(this, name, callback);
        });
    }

    @Override
    public String toString() {
        return "Peer " + this.id + " on " + path() + (this.protocol.isEmpty() ? "" : " (" + this.protocol + ")");
    }

}
