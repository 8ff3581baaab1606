package io.peersocket.internal.server.reactive;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.peersocket.internal.transport.reactive.FrameGuard;
import io.peersocket.internal.transport.reactive.ReadPause;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring's Reactor Netty upgrade, plus what the engine's protocol layer does and Reactor
 * Netty leaves out: every protocol violation gets its precise close frame
 * ({@link FrameGuard}: 1002, UTF-8 checks with 1007, the input limit over whole messages
 * with 1009), and the protocol is the one chosen by the engine's rule. Spring's
 * {@code ReactorNettyRequestUpgradeStrategy} does not expose the channel, hence this
 * class.
 */
final class PeerUpgradeStrategy implements RequestUpgradeStrategy {

    private final int maxMessageBytes;

    // Counts each time a peer's reads pause because its socket does not take a pong.
    private final Runnable onReadPause;

    PeerUpgradeStrategy(int maxMessageBytes, Runnable onReadPause) {
        this.maxMessageBytes = maxMessageBytes;
        this.onReadPause = onReadPause;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String ignored,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        String protocol = exchange.getAttributeOrDefault(ReactivePeerHandler.PROTOCOL_ATTRIBUTE, "");
        Object expiresAt = exchange.getAttribute(ReactivePeerHandler.EXPIRES_ATTRIBUTE);
        WebsocketServerSpec.Builder specBuilder = WebsocketServerSpec.builder()
            .maxFramePayloadLength(this.maxMessageBytes)
            .handlePing(false);
        if (!protocol.isEmpty()) {
            // protocols(null) throws: an endpoint without a subprotocol must not call it
            // at all
            specBuilder.protocols(protocol);
        }
        WebsocketServerSpec spec = specBuilder.build();
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
            Channel[] channel = new Channel[1];
            in.withConnection((connection) -> channel[0] = connection.channel());
            FrameGuard.install(channel[0].pipeline(), this.maxMessageBytes);
            ReadPause.install(channel[0].pipeline(), this.onReadPause);
            ReactorNettyWebSocketSession session = new ReactorNettyWebSocketSession(in, out, handshakeInfo,
                    bufferFactory, this.maxMessageBytes);
            session.getAttributes().put(ReactivePeerHandler.CHANNEL_ATTRIBUTE, channel[0]);
            session.getAttributes().put(ReactivePeerHandler.PROTOCOL_ATTRIBUTE, protocol);
            if (expiresAt != null) {
                session.getAttributes().put(ReactivePeerHandler.EXPIRES_ATTRIBUTE, expiresAt);
            }
            return handler.handle(session);
        }, spec)));
    }

}
