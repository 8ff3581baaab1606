package io.peersocket.bench.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The floor for the reactive transport: a plain WebFlux {@link WebSocketHandler} on Reactor
 * Netty. {@code /echo} sends each received message back without copying it (retained frame);
 * {@code /bcast} emits each message to every session's outbound sink in a plain loop.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class PlainWebFluxServer {

    static ConfigurableApplicationContext start(int port) {
        return ServerMain.builder(PlainWebFluxServer.class)
            .web(WebApplicationType.REACTIVE)
            .properties("server.port=" + port, "peersocket.server.enabled=false")
            .run();
    }

    @Bean
    HandlerMapping webSocketMapping() {
        WebSocketHandler echo = (session) -> session.send(session.receive().doOnNext(WebSocketMessage::retain));
        return new SimpleUrlHandlerMapping(Map.of("/echo", echo, "/bcast", new Broadcast()), -1);
    }

    static final class Broadcast implements WebSocketHandler {

        private record Member(WebSocketSession session, Sinks.Many<WebSocketMessage> out) {
        }

        private final Set<Member> members = ConcurrentHashMap.newKeySet();

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            Member member = new Member(session, Sinks.many().unicast().onBackpressureBuffer());
            this.members.add(member);
            Mono<Void> in = session.receive().doOnNext(this::broadcast).then();
            return session.send(member.out().asFlux()).and(in).doFinally((signal) -> this.members.remove(member));
        }

        private void broadcast(WebSocketMessage message) {
            DataBuffer payload = message.getPayload();
            byte[] data = new byte[payload.readableByteCount()];
            payload.read(data);
            for (Member each : this.members) {
                synchronized (each) {
                    each.out().tryEmitNext(new WebSocketMessage(message.getType(), each.session().bufferFactory().wrap(data)));
                }
            }
        }

    }

}
