package io.peersocket.internal.client;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.netty.channel.ChannelOption;
import io.peersocket.client.ClientSettings;
import io.peersocket.client.PeerSocketClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * Opens one attempt on Spring WebFlux's {@link ReactorNettyWebSocketClient}: a new TCP
 * connection (with the handshake timeout as connect timeout and TCP keep-alive), TLS for
 * {@code wss://}, the request headers (the supplier asked again for each attempt), and
 * the handshake timeout. Every way the attempt can fail reaches {@code failed}; the
 * client decides which one counts.
 */
final class Connector {

    // Under the API's name: what applications configure.
    private static final Log logger = LogFactory.getLog(PeerSocketClient.class);

    private final ClientSettings settings;

    // Guarded by the client's lock, as every call.
    private boolean insecureWarned;

    Connector(ClientSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts the attempt; returns at once.
     * @param attempt the attempt, which keeps its channel, subscription and timeout
     * @param handler takes the connection once upgraded
     * @param verifySsl the client's current {@code verify_ssl}
     * @param trusted the client's current {@code trusted_ssl_certificate}
     * @param failed told of each failure (the timeout, a refused upgrade, an error)
     */
    void open(Attempt attempt, WebSocketHandler handler, boolean verifySsl, @Nullable SslBundle trusted,
            Consumer<Throwable> failed) {
        ConnectTarget target = attempt.target;
        long timeoutMillis = this.settings.handshakeTimeout().toMillis();
        HttpClient http = HttpClient.newConnection()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
            // The kernel's safety net under the idle timeout for a server that vanished
            // without a FIN.
            .option(ChannelOption.SO_KEEPALIVE, true)
            .doOnConnected((connection) -> {
                attempt.channel = connection.channel();
                connection.addHandlerLast(RefusedUpgrade.NAME, new RefusedUpgrade(failed));
            });
        if (target.secure()) {
            http = ClientTls.secure(http, verifySsl, trusted);
            if (!verifySsl && !this.insecureWarned) {
                this.insecureWarned = true;
                logger
                    .warn("Client '" + this.settings.name() + "' does not verify TLS certificates (verify-ssl: false): "
                            + "anyone can impersonate " + target.uri().getHost() + "; use this for development only");
            }
        }
        int maxFrame = this.settings.limits().inBytes();
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(http,
                () -> WebsocketClientSpec.builder().maxFramePayloadLength(maxFrame).handlePing(false));
        HttpHeaders headers = new HttpHeaders();
        target.headers().forEach(headers::set);
        if (this.settings.headerSupplier() != null) {
            try {
                // Asked again for every attempt: a token that expired since the last one
                // is replaced.
                Map<String, String> fresh = this.settings.headerSupplier().get();
                if (fresh != null) {
                    fresh.forEach(headers::set);
                }
            }
            catch (RuntimeException ex) {
                failed.accept(ex);
                return;
            }
        }
        logger.debug("Client '" + this.settings.name() + "' connecting to " + target.uri() + " (attempt "
                + attempt.number + ")");
        attempt.timeout = this.settings.timers()
            .schedule(
                    () -> failed.accept(new TimeoutException(
                            "no WebSocket upgrade from " + target.uri() + " within " + timeoutMillis + " ms")),
                    timeoutMillis, TimeUnit.MILLISECONDS);
        attempt.subscription = client.execute(target.uri(), headers, handler)
            .subscribe(null, failed, () -> failed
                .accept(new IllegalStateException("connection to " + target.uri() + " ended before the upgrade")));
    }

}
