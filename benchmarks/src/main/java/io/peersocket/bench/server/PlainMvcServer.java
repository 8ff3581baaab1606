package io.peersocket.bench.server;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The floor for the servlet transport: what a Spring MVC application writes without the
 * starter, a plain Spring WebSocket handler on Tomcat. {@code /echo} answers each message
 * with itself; {@code /bcast} sends each message to every session of the path in a plain
 * loop.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
public class PlainMvcServer implements WebSocketConfigurer {

    static ConfigurableApplicationContext start(int port) {
        return ServerMain.builder(PlainMvcServer.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=" + port, "peersocket.server.enabled=false")
            .run();
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Echo(), "/echo").setAllowedOriginPatterns("*");
        registry.addHandler(new Broadcast(), "/bcast").setAllowedOriginPatterns("*");
    }

    /**
     * Tomcat buffers 8 KiB messages by default: both servlet servers take 64 KiB, the
     * engine's default input.
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        return StarterServer.servletContainer();
    }

    static final class Echo extends AbstractWebSocketHandler {

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
            session.sendMessage(message);
        }

        @Override
        protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
            session.sendMessage(message);
        }

    }

    static final class Broadcast extends AbstractWebSocketHandler {

        private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            this.sessions.add(session);
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            this.sessions.remove(session);
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            for (WebSocketSession each : this.sessions) {
                try {
                    each.sendMessage(message);
                }
                catch (IOException | IllegalStateException ex) {
                    // closing meanwhile
                }
            }
        }

    }

}
