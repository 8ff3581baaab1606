package io.peersocket.bench.server;

import java.util.ArrayList;
import java.util.List;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.annotation.PeerPacket;
import io.peersocket.multiplayer.rpc.MultiplayerApi;
import io.peersocket.multiplayer.rpc.Remote;
import io.peersocket.multiplayer.rpc.RemoteNode;
import io.peersocket.multiplayer.rpc.RpcSenderId;
import io.peersocket.peer.Packet;
import io.peersocket.peer.Peer;
import io.peersocket.peer.WriteMode;
import io.peersocket.server.PeerSocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The starter, as an application uses it: two {@code @PacketHandler} beans, on either
 * transport (a dedicated Reactor Netty port, or the application's own Tomcat) and in
 * either dispatch mode. {@code /echo} returns each packet (sent back in its own mode);
 * {@code /bcast} sends each packet to every peer of the path in a plain loop over
 * {@link PeerSocketServer#peers()}; {@code /relay} is the starter's multiplayer relay.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StarterServer {

    static ConfigurableApplicationContext start(int port, boolean reactive, boolean poll) {
        return start(port, reactive, poll, true, false);
    }

    /**
     * The reactive push server whose relay is {@code /rpc}, serving node
     * {@code /root/Bench} ({@link Bench}).
     */
    static ConfigurableApplicationContext startRpc(int port) {
        return start(port, true, false, true, true);
    }

    static ConfigurableApplicationContext start(int port, boolean reactive, boolean poll, boolean blocking) {
        return start(port, reactive, poll, blocking, false);
    }

    /**
     * @param blocking whether {@code /echo} is declared as a handler that may block (the
     * default, handler threads) or not ({@code blocking = false}: on the I/O thread)
     * @param rpc whether the relay is {@code /rpc} with the {@link Bench} node rather
     * than {@code /relay}
     */
    static ConfigurableApplicationContext start(int port, boolean reactive, boolean poll, boolean blocking,
            boolean rpc) {
        List<String> properties = new ArrayList<>();
        properties.add("bench.rpc=" + rpc);
        properties.add("bench.echo.blocking=" + blocking);
        properties.add("peersocket.server.dispatch=" + (poll ? "poll" : "push"));
        // The engine's default output limit (64 KiB) holds four 16 KiB echoes: with 16 in
        // flight, put_packet
        // would return ERR_OUT_OF_MEMORY and drop (as the engine does). Raised as for
        // Godot's server.
        properties.add("peersocket.server.buffers.out-kib=1024");
        properties.add("peersocket.server.buffers.out-packets=4096");
        if (reactive) {
            properties.add("peersocket.server.port=" + port);
            properties.add("peersocket.server.bind-address=127.0.0.1");
        }
        else {
            properties.add("server.port=" + port);
        }
        return ServerMain
            .builder(reactive ? new Class<?>[] { StarterServer.class }
                    : new Class<?>[] { StarterServer.class, StarterServletContainer.class })
            .web(reactive ? WebApplicationType.NONE : WebApplicationType.SERVLET)
            .properties(properties.toArray(String[]::new))
            .run();
    }

    static ServletServerContainerFactoryBean servletContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(64 * 1024);
        container.setMaxBinaryMessageBufferSize(64 * 1024);
        return container;
    }

    // The handlers are member classes: Spring registers them as beans with this
    // configuration.
    @PacketHandler(path = "/echo")
    @ConditionalOnBooleanProperty(name = "bench.echo.blocking")
    static final class Echo {

        @DataReceived
        byte[] echo(Packet packet) {
            return packet.data();
        }

    }

    /**
     * The same echo, declared non-blocking: it runs on the I/O thread that read the
     * message.
     */
    @PacketHandler(path = "/echo", blocking = false)
    @ConditionalOnBooleanProperty(name = "bench.echo.blocking", havingValue = false)
    static final class NonBlockingEcho {

        @DataReceived
        byte[] echo(Packet packet) {
            return packet.data();
        }

    }

    /**
     * The engine's multiplayer relay; peer 1 (this application) takes what is addressed
     * to it and drops it.
     */
    @PacketHandler(path = "/relay", multiplayer = true)
    @ConditionalOnBooleanProperty(name = "bench.rpc", havingValue = false, matchIfMissing = true)
    static final class Relay {

        @PeerPacket
        void packet(int from) {
        }

    }

    /**
     * The relay of the remote-call scenario: its payloads are the MultiplayerAPI's,
     * served by {@link Bench}.
     */
    @PacketHandler(path = "/rpc", multiplayer = true)
    @ConditionalOnBooleanProperty(name = "bench.rpc")
    static final class RpcRelay {

        /**
         * Payloads that are no MultiplayerAPI packet would reach the application here;
         * the scenario sends none.
         */
        @PeerPacket
        void packet(int from) {
        }

    }

    /**
     * Node {@code /root/Bench} of the remote-call scenario, as
     * benchmarks/godot/rpc_server.gd in GDScript:
     * {@code remote func ping(seq): rpc_id(get_tree().get_rpc_sender_id(), "pong", seq)}.
     */
    @RemoteNode(path = "/root/Bench", relay = "/rpc")
    @ConditionalOnBooleanProperty(name = "bench.rpc")
    static final class Bench {

        private final MultiplayerApi multiplayer;

        Bench(MultiplayerApi multiplayer) {
            this.multiplayer = multiplayer;
        }

        @Remote
        void ping(@RpcSenderId int id, long seq) {
            this.multiplayer.rpcId(id, "/root/Bench", "pong", seq);
        }

    }

    @PacketHandler(path = "/bcast")
    static final class Broadcast {

        private final ObjectProvider<PeerSocketServer> server;

        Broadcast(ObjectProvider<PeerSocketServer> server) {
            this.server = server;
        }

        @DataReceived
        void broadcast(Packet packet) {
            WriteMode mode = packet.string() ? WriteMode.TEXT : WriteMode.BINARY;
            for (Peer peer : this.server.getObject().peers()) {
                if ("/bcast".equals(peer.path())) {
                    peer.send(packet.data(), mode);
                }
            }
        }

    }

}
