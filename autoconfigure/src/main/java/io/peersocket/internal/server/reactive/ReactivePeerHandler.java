package io.peersocket.internal.server.reactive;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.peersocket.internal.core.PeerEndpoint;
import io.peersocket.internal.core.PeerSession;
import io.peersocket.internal.transport.reactive.InboundSubscriber;
import io.peersocket.internal.transport.reactive.ReactiveConnection;
import io.peersocket.peer.HandshakeInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A WebFlux {@link WebSocketHandler} that puts one endpoint's peers on the core: it makes
 * the peer, reads with demand through {@link InboundSubscriber} and sends what the peer
 * queues.
 */
final class ReactivePeerHandler implements WebSocketHandler {

    private static final Log logger = LogFactory.getLog(ReactivePeerHandler.class);

    /** Session attribute: the protocol chosen by the engine's rule. */
    static final String PROTOCOL_ATTRIBUTE = "peersocket.protocol";

    /** Session attribute: the Netty channel, for TCP options and the remote address. */
    static final String CHANNEL_ATTRIBUTE = "peersocket.channel";

    /**
     * Session attribute: when the client's credentials expire ({@link Instant}); the peer
     * is closed then.
     */
    static final String EXPIRES_ATTRIBUTE = "peersocket.expires";

    private final PeerEndpoint endpoint;

    ReactivePeerHandler(PeerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    PeerEndpoint endpoint() {
        return this.endpoint;
    }

    @Override
    public List<String> getSubProtocols() {
        return this.endpoint.offeredProtocols();
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        // PeerUpgradeStrategy puts the channel in the attributes before the handler runs.
        Channel channel = (Channel) java.util.Objects.requireNonNull(session.getAttributes().get(CHANNEL_ATTRIBUTE));
        String protocol = (String) session.getAttributes().getOrDefault(PROTOCOL_ATTRIBUTE, "");
        InetSocketAddress socketAddress = (InetSocketAddress) channel.remoteAddress();
        ReactiveConnection connection = new ReactiveConnection(session, channel, socketAddress,
                handshake(session, socketAddress, protocol));
        PeerSession peer = this.endpoint.open(connection, protocol);
        ScheduledFuture<?> expiry = closeAtExpiry(session, channel, peer);
        InboundSubscriber inbound = new InboundSubscriber(this.endpoint, peer, connection);
        connection.bind(inbound);
        session.receive().subscribe(inbound);
        // The end is reported once both sides are done: only then is it known whether our
        // own
        // close frame went out. A failed write ends the inbound side too, so it is not an
        // error here.
        return connection.sending()
            .onErrorResume((ex) -> Mono.empty())
            .and(inbound.done().asMono())
            .doFinally((signal) -> {
                if (expiry != null) {
                    expiry.cancel(false);
                }
                this.endpoint.closed(peer, connection.closeInfo(peer.closedLocally()));
            });
    }

    // A token is checked once, at the upgrade: a peer must not outlive it (1008, policy
    // violation).
    private static @Nullable ScheduledFuture<?> closeAtExpiry(WebSocketSession session, Channel channel,
            PeerSession peer) {
        if (!(session.getAttributes().get(EXPIRES_ATTRIBUTE) instanceof Instant expiresAt)) {
            return null;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        return channel.eventLoop().schedule(() -> {
            logger.debug(peer + ": credentials expired at " + expiresAt + ", closing with 1008");
            peer.close(1008, "credentials expired");
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static HandshakeInfo handshake(WebSocketSession session, InetSocketAddress socketAddress, String protocol) {
        org.springframework.web.reactive.socket.HandshakeInfo request = session.getHandshakeInfo();
        // The request's address honours Forwarded / X-Forwarded-For when the server was
        // told to
        // trust a proxy (peersocket.server.forward-headers); else it is the socket's.
        InetSocketAddress remote = request.getRemoteAddress();
        // The principal is resolved before the upgrade; an unresolved one would be a bug,
        // not a wait.
        Principal principal = request.getPrincipal().toFuture().getNow(null);
        return new HandshakeInfo(request.getUri(), request.getHeaders(), (remote != null) ? remote : socketAddress,
                protocol, principal);
    }

}
