package io.peersocket.autoconfigure;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.diagnostics.PeerSocketConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application without Spring WebSocket and without a dedicated port has no
 * transport for its endpoints: startup fails naming the property and the missing module,
 * instead of leaving the endpoints unserved without a word.
 */
class ServletWithoutWebSocketTest {

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PeerSocketServerAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(WebSocketConfigurer.class))
        .withBean("hello", Hello.class);

    @Test
    void endpointsWithoutServletTransportOrPortFailStartupNamingTheProperty() {
        this.servlet.run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(PeerSocketConfigurationException.class)
                .hasMessageContaining("[/hello]")
                .hasMessageContaining("peersocket.server.port is unset")
                .hasMessageContaining("no Spring WebSocket (org.springframework:spring-websocket)");
        });
    }

    @Test
    void theDedicatedPortServesThemThen() {
        this.servlet.withPropertyValues("peersocket.server.port=0")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @PacketHandler(path = "/hello")
    static class Hello {

        @DataReceived
        String received(String text) {
            return text;
        }

    }

}
