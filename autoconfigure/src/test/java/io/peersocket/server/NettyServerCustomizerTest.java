package io.peersocket.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.test.RawWebSocket;
import io.peersocket.test.TestApplication;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.logging.AccessLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PeerSocketNettyServerCustomizer} beans shape the dedicated port: an access log
 * added by one records the requests a real client makes, and every customizer runs, in
 * order.
 */
@SpringBootTest(classes = { TestApplication.class, NettyServerCustomizerTest.Customizers.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "peersocket.server.port=0")
class NettyServerCustomizerTest {

    @Autowired
    Customizers customizers;

    @LocalPeerSocketPort
    int port;

    @Test
    void theCustomizersAccessLogSeesTheRequestsAndEveryCustomizerRanInOrder() throws Exception {
        assertThat(this.customizers.applied).containsExactly("access-log", "second");
        RawWebSocket.HttpResponse missing = RawWebSocket.handshake(this.port,
                RawWebSocket.upgradeRequest(this.port, "/no-such-endpoint"));
        assertThat(missing.statusLine()).contains("404");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(this.customizers.accessLog).contains("GET /no-such-endpoint 404"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> applied = new CopyOnWriteArrayList<>();

        final List<String> accessLog = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        PeerSocketNettyServerCustomizer second() {
            return (server) -> {
                this.applied.add("second");
                return server;
            };
        }

        @Bean
        @Order(1)
        PeerSocketNettyServerCustomizer accessLogCustomizer() {
            return (server) -> {
                this.applied.add("access-log");
                return server.accessLog(true, (entry) -> {
                    this.accessLog.add(entry.method() + " " + entry.uri() + " " + entry.status());
                    return AccessLog.create("{} {} {}", entry.method(), entry.uri(), entry.status());
                });
            };
        }

    }

}
