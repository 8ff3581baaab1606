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
 * The floor for the reactive transport: a plain WebFlux {@link WebSocketHandler} on
 * Reactor Netty. {@code /echo} sends each received message back without copying it
 * (retained frame); {@code /bcast} emits each message to every session's outbound sink in
 * a plain loop; {@code /relay} is the engine's relay protocol as such a loop.
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
        return new SimpleUrlHandlerMapping(Map.of("/echo", echo, "/bcast", new Broadcast(), "/relay", new Relay()), -1);
    }

    /**
     * The engine's relay protocol written as a plain loop over the sessions, the way an
     * application without the starter would: SYS_ID and SYS_ADD on join, SYS_DEL on
     * leave, payloads from a client to 0 (everybody), N or -N copied to each target's
     * outbound sink. Only what the benchmark's clients send is handled (no peer 1
     * application, no hook).
     */
    static final class Relay implements WebSocketHandler {

        private record Member(int id, WebSocketSession session, Sinks.Many<WebSocketMessage> out) {
        }

        private final Map<Integer, Member> members = new ConcurrentHashMap<>();

        private final java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger(1);

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            Member member = new Member(this.ids.incrementAndGet(), session,
                    Sinks.many().unicast().onBackpressureBuffer());
            synchronized (this) {
                emit(member, system(3, member.id()));
                emit(member, system(1, 1));
                for (Member other : this.members.values()) {
                    emit(other, system(1, member.id()));
                    emit(member, system(1, other.id()));
                }
                this.members.put(member.id(), member);
            }
            Mono<Void> in = session.receive().doOnNext((message) -> relay(member, message)).then();
            return session.send(member.out().asFlux()).and(in).doFinally((signal) -> {
                synchronized (this) {
                    this.members.remove(member.id());
                    this.members.values().forEach((other) -> emit(other, system(2, member.id())));
                }
            });
        }

        private void relay(Member sender, WebSocketMessage message) {
            DataBuffer payload = message.getPayload();
            int length = payload.readableByteCount();
            if (message.getType() != WebSocketMessage.Type.BINARY || length < 9) {
                return;
            }
            byte[] data = new byte[length];
            payload.read(data);
            int from = intLE(data, 1);
            int to = intLE(data, 5);
            if (data[0] != 0 || from != sender.id()) {
                return;
            }
            if (to > 1) {
                Member target = this.members.get(to);
                if (target != null && target != sender) {
                    emit(target, data);
                }
                return;
            }
            for (Member each : this.members.values()) {
                if (each != sender && (to >= 0 || each.id() != -to)) {
                    emit(each, data);
                }
            }
        }

        private static void emit(Member member, byte[] data) {
            synchronized (member) {
                member.out()
                    .tryEmitNext(new WebSocketMessage(WebSocketMessage.Type.BINARY,
                            member.session().bufferFactory().wrap(data)));
            }
        }

        private static byte[] system(int type, int id) {
            byte[] message = new byte[13];
            message[0] = (byte) type;
            message[1] = 1;
            for (int i = 0; i < 4; i++) {
                message[9 + i] = (byte) (id >>> (8 * i));
            }
            return message;
        }

        private static int intLE(byte[] data, int at) {
            return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16
                    | (data[at + 3] & 0xFF) << 24;
        }

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
                    each.out()
                        .tryEmitNext(
                                new WebSocketMessage(message.getType(), each.session().bufferFactory().wrap(data)));
                }
            }
        }

    }

}
