package io.peersocket.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.peersocket.client.PeerSocketClients;
import io.peersocket.internal.keepalive.PeerSocketKeepAlive;
import io.peersocket.server.PeerSocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Keeps a non-web application running while its dedicated port listens or it has named
 * client connections: nothing else would, since Reactor Netty's threads are daemons. A
 * web application is kept running by its web server.
 */
@AutoConfiguration(after = { PeerSocketServerAutoConfiguration.class, PeerSocketClientAutoConfiguration.class })
@ConditionalOnNotWebApplication
public final class PeerSocketKeepAliveAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PeerSocketKeepAlive peerSocketKeepAlive(ObjectProvider<PeerSocketServer> server,
            ObjectProvider<PeerSocketClients> clients) {
        // Asked on start, after the dedicated port is bound (ServerLifecycle's earlier
        // phase).
        return new PeerSocketKeepAlive(() -> {
            List<String> reasons = new ArrayList<>();
            server.ifAvailable((each) -> {
                if (each.isListening()) {
                    reasons.add("the dedicated port " + each.port());
                }
            });
            clients.ifAvailable((each) -> {
                if (!each.all().isEmpty()) {
                    reasons.add("the client connections " + each.all().keySet());
                }
            });
            return reasons.isEmpty() ? null : String.join(" and ", reasons);
        });
    }

}
