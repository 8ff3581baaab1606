package io.peersocket.actuate;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.peersocket.server.PeerSocketServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The server's health, as actuator's {@code peersocket} contributor: {@code UP} while it
 * accepts connections, {@code OUT_OF_SERVICE} from the start of its shutdown (it refuses
 * new peers and closes the open ones with 1001), {@code DOWN} when it does not listen
 * otherwise (not started, or its port failed). Details: whether it listens or drains, the
 * port, the endpoint paths, the subprotocols each offers, and the number of open peers.
 */
public class PeerSocketHealthIndicator extends AbstractHealthIndicator {

    private final PeerSocketServer server;

    private final IntSupplier applicationPort;

    /**
     * @param server the server
     * @param applicationPort the application's own web server port, reported when the
     * endpoints are served there (no dedicated port); -1 when unknown
     */
    public PeerSocketHealthIndicator(PeerSocketServer server, IntSupplier applicationPort) {
        super("peersocket health check failed");
        this.server = server;
        this.applicationPort = applicationPort;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean listening = this.server.isListening();
        boolean draining = this.server.isDraining();
        if (draining) {
            builder.outOfService();
        }
        else if (listening) {
            builder.up();
        }
        else {
            builder.down();
        }
        int dedicated = this.server.port();
        builder.withDetail("listening", listening)
            .withDetail("draining", draining)
            .withDetail("transport", (dedicated > 0) ? "dedicated-port" : "application-server")
            .withDetail("port", (dedicated > 0) ? dedicated : this.applicationPort.getAsInt());
        Map<String, List<String>> protocols = this.server.endpointProtocols();
        builder.withDetail("paths", List.copyOf(protocols.keySet()))
            .withDetail("protocols", protocols)
            .withDetail("openPeers", this.server.openPeers().size());
    }

}
