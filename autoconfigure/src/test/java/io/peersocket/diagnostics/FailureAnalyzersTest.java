package io.peersocket.diagnostics;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.autoconfigure.PeerSocketServerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each startup failure the library raises ends in Boot's failure report (registered
 * through META-INF/spring.factories) with a Description naming the property or bean and
 * an Action: a real SpringApplication per case, its report read from the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzersTest {

    @Test
    void portInUseNamesThePortAndTheProperty(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            failToStart(Chat.class, "peersocket.server.port=" + port, "peersocket.server.bind-address=127.0.0.1");
            assertReport(output,
                    "The peersocket WebSocket port " + port + " (peersocket.server.port) was already in use.",
                    "Stop the process that listens on port " + port
                            + ", or set peersocket.server.port to another port");
        }
    }

    @Test
    void aBindAddressOfAnotherMachineNamesThatProperty(CapturedOutput output) {
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is an address no machine here has.
        failToStart(Chat.class, "peersocket.server.port=0", "peersocket.server.bind-address=192.0.2.1");
        assertReport(output, "could not be bound on 192.0.2.1",
                "Set peersocket.server.bind-address to an address of this machine");
    }

    @Test
    void twoHandlersOnOnePathNameBothBeans(CapturedOutput output) {
        failToStart(TwoChats.class, "peersocket.server.port=0");
        assertReport(output,
                "@PacketHandler beans 'firstChat' and 'secondChat' both handle path /chat with subprotocol 'chat-v1'",
                "Give 'firstChat' and 'secondChat' each its own path");
    }

    @Test
    void aBadHandlerParameterNamesTheBeanAndMethod(CapturedOutput output) {
        failToStart(BadParameter.class, "peersocket.server.port=0");
        assertReport(output, "@PacketHandler bean 'badHandler': method", "Change that parameter of 'badHandler'");
        assertThat(output).contains("java.lang.Thread");
    }

    @Test
    void aMissingSslBundleNamesTheProperty(CapturedOutput output) {
        failToStart(Chat.class, "peersocket.server.port=0", "peersocket.server.ssl.bundle=nope");
        assertReport(output, "peersocket.server.ssl.bundle names 'nope'",
                "Define the bundle under spring.ssl.bundle.pem.nope");
    }

    @Test
    void endpointsWithoutATransportNameThePort(CapturedOutput output) {
        failToStart(Chat.class);
        assertReport(output, "but nothing serves them: peersocket.server.port is unset",
                "Set peersocket.server.port to serve the endpoints on a dedicated port");
    }

    @Test
    void anEmptyPortIsUnsetAndReportedAsSuch(CapturedOutput output) {
        // Without a web application an unset port leaves the endpoints without a
        // transport: the report, not an NPE.
        failToStart(Chat.class, "peersocket.server.port=");
        assertReport(output, "peersocket.server.port is unset", "Set peersocket.server.port");
        assertThat(output).doesNotContain("NullPointerException");
    }

    @Test
    void aLimitOutOfRangeNamesTheWholeProperty(CapturedOutput output) {
        failToStart(Chat.class, "peersocket.server.port=0", "peersocket.server.buffers.in-kib=-1");
        assertReport(output,
                "Invalid value for peersocket.server.buffers.in-kib: in-kib must be between 1 and 4096 but was -1",
                "Set peersocket.server.buffers.in-kib to an allowed value");
    }

    @Test
    void aPortOutOfRangeNamesTheProperty(CapturedOutput output) {
        failToStart(Chat.class, "peersocket.server.port=70000");
        assertReport(output,
                "Invalid value for peersocket.server.port: peersocket.server.port must be between 0 and 65535",
                "Set peersocket.server.port to an allowed value");
    }

    @Test
    void aClientConnectionWithoutUrlNamesTheProperty(CapturedOutput output) {
        failToStart(NoHandlers.class, "peersocket.client.connections.game.protocols=v1");
        assertReport(output, "peersocket.client.connections.game.url is required",
                "Set peersocket.client.connections.game.url to the server's ws:// or wss:// URL");
    }

    private static void failToStart(Class<?> application, String... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off")
            .properties(properties);
        assertThatException().isThrownBy(builder::run);
    }

    private static void assertReport(CapturedOutput output, String description, String action) {
        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START");
        String text = report.substring(report.indexOf("APPLICATION FAILED TO START"));
        assertThat(text.substring(text.indexOf("Description:"), text.indexOf("Action:"))).contains(description);
        assertThat(text.substring(text.indexOf("Action:"))).contains(action);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ SslAutoConfiguration.class, PeerSocketServerAutoConfiguration.class,
            io.peersocket.autoconfigure.PeerSocketClientAutoConfiguration.class })
    static class NoHandlers {

    }

    @Import(NoHandlers.class)
    static class Chat {

        @Bean
        FirstChat chat() {
            return new FirstChat();
        }

    }

    @Import(NoHandlers.class)
    static class TwoChats {

        @Bean
        FirstChat firstChat() {
            return new FirstChat();
        }

        @Bean
        SecondChat secondChat() {
            return new SecondChat();
        }

    }

    @Import(NoHandlers.class)
    static class BadParameter {

        @Bean
        BadHandler badHandler() {
            return new BadHandler();
        }

    }

    @PacketHandler(path = "/chat", protocols = "chat-v1")
    static class FirstChat {

        @DataReceived
        void data(byte[] data) {
        }

    }

    @PacketHandler(path = "/chat", protocols = { "chat-v1", "chat-v2" })
    static class SecondChat {

        @DataReceived
        void data(byte[] data) {
        }

    }

    @PacketHandler(path = "/bad")
    static class BadHandler {

        @ClientConnected
        void joined(Thread thread) {
        }

    }

}
