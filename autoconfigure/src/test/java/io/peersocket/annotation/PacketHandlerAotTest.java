package io.peersocket.annotation;

import java.util.List;

import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Spring's ahead-of-time processing, as {@code process-aot} does, on a context with
 * a server handler, a relay and a client handler, and checks the reflection hints a
 * native image needs: an invoke hint per signal method, binding hints for the JSON
 * payload and result types, and none for what the signal supplies itself.
 */
class PacketHandlerAotTest {

    private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    record Move(int x, int y) {
    }

    record Board(List<Cell> cells) {
    }

    record Cell(int x, int y, String owner) {
    }

    record Hello(String text) {
    }

    /** The payload types in Java's own packages or the raw ones need no binding hints. */
    @PacketHandler(path = "/game")
    static class GameHandler {

        @ClientConnected
        Hello connected(Peer peer, String protocol) {
            return new Hello("hi " + protocol);
        }

        @DataReceived
        Board move(Peer peer, int id, boolean wasString, Move move) {
            return new Board(List.of(new Cell(move.x(), move.y(), "p" + id)));
        }

        @ClientDisconnected
        void left(int id, boolean wasClean) {
        }

        @PacketExceptionHandler
        String failed(IllegalArgumentException error) {
            return error.getMessage();
        }

    }

    /** A superclass method is bound at runtime too (the resolver walks superclasses). */
    static class BaseRelay {

        @PeerConnected
        void joined(int id) {
        }

    }

    @PacketHandler(path = "/mp", multiplayer = true)
    static class RelayHandler extends BaseRelay {

        @PeerPacket
        List<Cell> packet(RelayServer relay, int from, int to, Move move) {
            return List.of();
        }

    }

    @PacketHandler(client = "game")
    static class ClientHandler {

        @DataReceived
        byte[] received(Packet packet) {
            return packet.data();
        }

        @ConnectionEstablished
        void established(Peer server, String protocol) {
        }

    }

    @Test
    void registersInvokeHintsForSignalMethodsAndBindingHintsForJsonTypes() {
        RuntimeHints hints = processAheadOfTime(GameHandler.class, RelayHandler.class, ClientHandler.class);

        assertThat(reflection.onMethodInvocation(GameHandler.class, "connected")).accepts(hints);
        assertThat(reflection.onMethodInvocation(GameHandler.class, "move")).accepts(hints);
        assertThat(reflection.onMethodInvocation(GameHandler.class, "left")).accepts(hints);
        assertThat(reflection.onMethodInvocation(GameHandler.class, "failed")).accepts(hints);
        assertThat(reflection.onMethodInvocation(RelayHandler.class, "packet")).accepts(hints);
        assertThat(reflection.onMethodInvocation(BaseRelay.class, "joined")).accepts(hints);
        assertThat(reflection.onMethodInvocation(ClientHandler.class, "received")).accepts(hints);
        assertThat(reflection.onMethodInvocation(ClientHandler.class, "established")).accepts(hints);

        // The payload record is read by Jackson: its constructor and its components.
        assertThat(reflection.onType(Move.class).withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
            .accepts(hints);
        assertThat(reflection.onMethodInvocation(Move.class, "x")).accepts(hints);
        // Results are written by Jackson, the types nested in them included.
        assertThat(reflection.onMethodInvocation(Hello.class, "text")).accepts(hints);
        assertThat(reflection.onMethodInvocation(Board.class, "cells")).accepts(hints);
        assertThat(reflection.onMethodInvocation(Cell.class, "owner")).accepts(hints);

        // What the signals supply is no JSON: no binding hints for it.
        assertThat(reflection.onType(Peer.class)).rejects(hints);
        assertThat(reflection.onType(Packet.class)).rejects(hints);
        assertThat(reflection.onType(RelayServer.class)).rejects(hints);
    }

    @Test
    void aPlainBeanGetsNoHandlerHints() {
        RuntimeHints hints = processAheadOfTime(Unannotated.class);

        assertThat(reflection.onMethodInvocation(Unannotated.class, "move")).rejects(hints);
        assertThat(reflection.onType(Move.class)).rejects(hints);
    }

    static class Unannotated {

        @DataReceived
        void move(Move move) {
        }

    }

    private static RuntimeHints processAheadOfTime(Class<?>... beanClasses) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            for (Class<?> beanClass : beanClasses) {
                context.registerBean(beanClass);
            }
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(PacketHandlerAotTest.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            return generation.getRuntimeHints();
        }
    }

}
