package io.peersocket.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.peersocket.client.ConnectionStatus;
import io.peersocket.client.PeerSocketClient;
import io.peersocket.client.PeerSocketClients;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the named client connections ({@code peersocket.client.connections.*}),
 * as actuator's {@code peersocketClients} contributor: {@code UP} while every connection
 * that the application opens at startup ({@code auto-connect}) is connected, {@code DOWN}
 * when one is not (a reconnect may be under way). Details per connection: its state and
 * URL.
 */
public class PeerSocketClientsHealthIndicator extends AbstractHealthIndicator {

    private final PeerSocketClients clients;

    /**
     * @param clients the named connections
     */
    public PeerSocketClientsHealthIndicator(PeerSocketClients clients) {
        super("peersocket client health check failed");
        this.clients = clients;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allUp = true;
        Map<String, Object> connections = new LinkedHashMap<>();
        for (Map.Entry<String, PeerSocketClient> entry : this.clients.all().entrySet()) {
            PeerSocketClient client = entry.getValue();
            ConnectionStatus status = client.getConnectionStatus();
            if (this.clients.isAutoConnect(entry.getKey()) && status != ConnectionStatus.CONNECTED) {
                allUp = false;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", status.name());
            details.put("url", String.valueOf(client.getUrl()));
            connections.put(entry.getKey(), details);
        }
        (allUp ? builder.up() : builder.down()).withDetail("connections", connections);
    }

}
