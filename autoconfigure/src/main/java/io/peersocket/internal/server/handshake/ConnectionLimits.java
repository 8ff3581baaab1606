package io.peersocket.internal.server.handshake;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Caps on open peers, checked before an upgrade so that a client past a cap gets an HTTP
 * status at once instead of a connection: in total and per endpoint (503, the server is
 * full), and per remote address (429, that client has too many). Each admitted upgrade
 * holds a {@link Ticket} from the check until its connection ends, so upgrades still in
 * progress count too and a burst of handshakes cannot overshoot a cap. 0 turns a cap off.
 */
public final class ConnectionLimits {

    /** No caps: every upgrade is admitted and nothing is counted. */
    public static final ConnectionLimits NONE = new ConnectionLimits(0, 0, 0);

    private static final Ticket FREE = new Ticket(null, "", null);

    private final int maxPeers;

    private final int maxPerEndpoint;

    private final int maxPerAddress;

    // Guarded by this: the three counts move together, so no cap is ever passed by a
    // race.
    private int total;

    private final Map<String, Integer> byEndpoint = new HashMap<>();

    // Entries leave at 0, so addresses that come and go leave nothing behind.
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();

    /**
     * @param maxPeers most open peers over all endpoints, 0 for no cap
     * @param maxPerEndpoint most open peers of one endpoint, 0 for no cap
     * @param maxPerAddress most open peers from one remote IP address, 0 for no cap
     */
    public ConnectionLimits(int maxPeers, int maxPerEndpoint, int maxPerAddress) {
        this.maxPeers = maxPeers;
        this.maxPerEndpoint = maxPerEndpoint;
        this.maxPerAddress = maxPerAddress;
    }

    /** The answer to an upgrade: a {@link Ticket} or a {@link Refusal}. */
    public sealed interface Admission permits Ticket, Refusal {

    }

    /**
     * Why an upgrade is refused.
     *
     * @param status the HTTP status to answer with (503 or 429)
     * @param reason the reason tag of the refused-handshake metric
     * @param detail what is full, for the log
     */
    public record Refusal(HttpStatus status, String reason, String detail) implements Admission {
    }

    /**
     * Admits an upgrade or says why not.
     * @param path the endpoint's path
     * @param address the client's IP address, {@code null} when unknown (then only the
     * other caps apply)
     * @return a {@link Ticket} to release when the connection ends, or a {@link Refusal}
     */
    public Admission admit(String path, @Nullable InetAddress address) {
        if (this.maxPeers == 0 && this.maxPerEndpoint == 0 && this.maxPerAddress == 0) {
            return FREE;
        }
        synchronized (this) {
            if (this.maxPeers > 0 && this.total >= this.maxPeers) {
                return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "max-peers", "the server has its maximum of "
                        + this.maxPeers + " peers (peersocket.server.limits.max-peers)");
            }
            int onEndpoint = this.byEndpoint.getOrDefault(path, 0);
            if (this.maxPerEndpoint > 0 && onEndpoint >= this.maxPerEndpoint) {
                return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "max-peers-per-endpoint",
                        path + " has its maximum of " + this.maxPerEndpoint
                                + " peers (peersocket.server.limits.max-peers-per-endpoint)");
            }
            int fromAddress = (address != null) ? this.byAddress.getOrDefault(address, 0) : 0;
            if (address != null && this.maxPerAddress > 0 && fromAddress >= this.maxPerAddress) {
                return new Refusal(HttpStatus.TOO_MANY_REQUESTS, "max-peers-per-address",
                        address.getHostAddress() + " has its maximum of " + this.maxPerAddress
                                + " peers (peersocket.server.limits.max-peers-per-address)");
            }
            this.total++;
            this.byEndpoint.put(path, onEndpoint + 1);
            if (address != null) {
                this.byAddress.put(address, fromAddress + 1);
            }
            return new Ticket(this, path, address);
        }
    }

    private synchronized void release(String path, @Nullable InetAddress address) {
        this.total--;
        this.byEndpoint.computeIfPresent(path, (key, count) -> (count > 1) ? count - 1 : null);
        if (address != null) {
            this.byAddress.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
        }
    }

    /**
     * @return the peers admitted and not yet ended (upgrades in progress included)
     */
    public synchronized int admitted() {
        return this.total;
    }

    /** One admitted upgrade's place under the caps, held until its connection ends. */
    public static final class Ticket implements Admission {

        private final @Nullable ConnectionLimits limits;

        private final String path;

        private final @Nullable InetAddress address;

        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(@Nullable ConnectionLimits limits, String path, @Nullable InetAddress address) {
            this.limits = limits;
            this.path = path;
            this.address = address;
        }

        /**
         * Gives the place back; only the first call counts, so every path that ends a
         * connection may call it.
         */
        public void release() {
            if (this.limits != null && this.released.compareAndSet(false, true)) {
                this.limits.release(this.path, this.address);
            }
        }

    }

}
