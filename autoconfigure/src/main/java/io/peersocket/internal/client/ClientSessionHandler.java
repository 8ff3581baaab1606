package io.peersocket.internal.client;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.transport.reactive.InboundSubscriber;
import io.peersocket.internal.transport.reactive.ReactiveConnection;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One connection attempt's WebFlux {@link WebSocketHandler}: once the upgrade is done it
 * puts the server on the core as peer 1, exactly as the server's reactive transport puts
 * a client there: the same {@link ReactiveConnection} (bounded output, close after
 * pending output) and {@link InboundSubscriber} (one message requested at a time while
 * the input queue has room).
 */
final class ClientSessionHandler implements WebSocketHandler {

    private final DefaultPeerSocketClient client;

    private final Attempt attempt;

    private final PeerEndpoint endpoint;

    ClientSessionHandler(DefaultPeerSocketClient client, Attempt attempt, PeerEndpoint endpoint) {
        this.client = client;
        this.attempt = attempt;
        this.endpoint = endpoint;
    }

    @Override
    public List<String> getSubProtocols() {
        return this.attempt.target.protocols();
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Channel channel = this.attempt.channel;
        if (channel == null) {
            return session.close(CloseStatus.SERVER_ERROR);
        }
        String selected = session.getHandshakeInfo().getSubProtocol();
        String protocol = (selected != null) ? selected : "";
        encodeCloseFramesOfTheDecoder(channel.pipeline());
        addUtf8Validation(channel.pipeline());
        ReactiveConnection connection = new ReactiveConnection(session, channel,
                (InetSocketAddress) channel.remoteAddress());
        PeerSession peer = this.client.established(this.attempt,
                () -> this.endpoint.open(connection, protocol, 1, this.client.events()));
        if (peer == null) {
            // Timed out or abandoned while the upgrade was completing.
            return session.close(CloseStatus.GOING_AWAY);
        }
        InboundSubscriber inbound = new InboundSubscriber(this.endpoint, peer, connection);
        connection.bind(inbound);
        session.receive().subscribe(inbound);
        return connection.sending()
            .onErrorResume((ex) -> Mono.empty())
            .and(inbound.done().asMono())
            .doFinally((signal) -> {
                var close = connection.closeInfo(peer.closedLocally());
                this.endpoint.closed(peer, close);
                this.client.ended(this.attempt, close);
            });
    }

    // Netty's client handshake puts the frame encoder after the decoder, so the close
    // frame the
    // decoder (or the UTF-8 validator) writes on a protocol violation (1009 for a message
    // over the
    // input limit, 1002, 1007) never reaches an encoder and is dropped: the server would
    // see the
    // socket vanish without a close code. A second, masking encoder in front of the
    // decoder encodes
    // those; frames from the application are already bytes when they get there and pass
    // through.
    private static void encodeCloseFramesOfTheDecoder(ChannelPipeline pipeline) {
        ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder != null && pipeline.get("peersocketViolationEncoder") == null) {
            pipeline.addBefore(decoder.name(), "peersocketViolationEncoder", new WebSocket13FrameEncoder(true));
        }
    }

    // Reactor Netty's client does not check that text frames are UTF-8 (close 1007):
    // Netty's
    // own validator does, as on the server's dedicated port.
    private static void addUtf8Validation(ChannelPipeline pipeline) {
        ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder != null && pipeline.get(Utf8FrameValidator.class) == null) {
            pipeline.addAfter(decoder.name(), "peersocketUtf8Validator", new Utf8FrameValidator(true));
        }
    }

}
