package io.peersocket.internal.server.servlet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.server.handshake.HandshakePolicy;
import io.peersocket.spi.ServerTransport;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The servlet transport: registers every endpoint at its path of the application's own
 * servlet container (Tomcat, Jetty) through Spring WebSocket.
 */
public final class ServletEndpoints implements WebSocketConfigurer, ServerTransport {

    private final List<PeerEndpoint> endpoints;

    private final HandshakePolicy policy;

    private final Executor closeExecutor;

    private final Duration sendTimeLimit;

    private final ContainerControl control;

    private final CloseAnswer closeAnswer;

    private volatile boolean accepting = true;

    /**
     * @param endpoints the endpoints to register
     * @param policy origin and header rules
     * @param closeExecutor runs the container's blocking sends of close frames
     * @param sendTimeLimit how long a peer may take to take one message before its
     * connection is dropped
     */
    public ServletEndpoints(List<PeerEndpoint> endpoints, HandshakePolicy policy, Executor closeExecutor,
            Duration sendTimeLimit) {
        this.endpoints = List.copyOf(endpoints);
        this.policy = policy;
        this.closeExecutor = closeExecutor;
        this.sendTimeLimit = sendTimeLimit;
        boolean tomcat = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession", getClass().getClassLoader());
        this.control = tomcat ? new TomcatControl() : ContainerControl.NONE;
        this.closeAnswer = tomcat ? new TomcatCloseAnswer() : CloseAnswer.NONE;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler(new NoExtensionUpgrade());
        for (PeerEndpoint endpoint : this.endpoints) {
            ServletPeerHandler handler = new ServletPeerHandler(endpoint, this.closeExecutor, this.control,
                    this.sendTimeLimit, this.closeAnswer);
            registry.addHandler(handler, endpoint.path())
                // Origins are checked by HandshakeRules, which also accepts clients that
                // send none.
                .setAllowedOriginPatterns("*")
                .setHandshakeHandler(handshake)
                .addInterceptors(new HandshakeRules(endpoint, this.policy, this::isListening));
        }
    }

    @Override
    public boolean isListening() {
        return this.accepting;
    }

    @Override
    public int port() {
        return -1;
    }

    @Override
    public void stopAccepting() {
        this.accepting = false;
    }

    @Override
    public void resumeAccepting() {
        this.accepting = true;
    }

}
