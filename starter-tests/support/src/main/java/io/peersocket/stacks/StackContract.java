package io.peersocket.stacks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.example.demo.DemoApplication;
import io.netty.handler.codec.quic.Quic;
import io.peersocket.internal.keepalive.PeerSocketKeepAlive;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.testkit.PeerSocketTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * What the starter does on one web stack, run by each stack module on that stack's real
 * classpath: the getting-started application as a server, a client-only application, and
 * both in one. Each case checks which web server runs (or none), on which port the
 * endpoint answers (the application's own port or the dedicated one), the ports the JVM
 * listens on (nothing else), that a non-web application holds the JVM while it serves or
 * is connected, and that Reactor Netty's QUIC natives are absent while its TLS client
 * still loads.
 */
public abstract class StackContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    // What netty-codec-native-quic holds for this platform (Linux x86-64 here).
    private static final String QUIC_NATIVE = "META-INF/native/libnetty_quiche42_linux_x86_64.so";

    /** A stack: the application's web server, if any. */
    public enum Stack {

        /** No web starter: no web server. */
        NONE(null),

        /** spring-boot-starter-webmvc: Tomcat. */
        SERVLET("TomcatWebServer"),

        /** spring-boot-starter-webflux: Boot's Reactor Netty server. */
        REACTIVE("NettyWebServer");

        private final @Nullable String webServer;

        Stack(@Nullable String webServer) {
            this.webServer = webServer;
        }

    }

    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * @return the stack of this module's classpath
     */
    protected abstract Stack stack();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = this.opened.size() - 1; i >= 0; i--) {
            this.opened.get(i).close();
        }
    }

    @Test
    void server() {
        ConfigurableApplicationContext context = run(List.of(DemoApplication.class), serverArguments());
        int port = assertServes(context);
        assertListening(Set.of(port));
        assertCommon(context);
    }

    @Test
    void client() {
        EchoServer echo = open(new EchoServer());
        ConfigurableApplicationContext context = run(List.of(ClientApplication.class), clientArguments(echo));
        assertConnected(echo);
        assertThat(context.getBean(PeerSocketServer.class).endpointProtocols()).as("no server endpoints").isEmpty();
        Set<Integer> ports = new TreeSet<>(Set.of(echo.port()));
        if (stack() != Stack.NONE) {
            ports.add(applicationPort(context));
        }
        assertListening(ports);
        assertCommon(context);
    }

    @Test
    void serverAndClient() {
        EchoServer echo = open(new EchoServer());
        List<String> arguments = new ArrayList<>(serverArguments());
        arguments.addAll(clientArguments(echo));
        ConfigurableApplicationContext context = run(List.of(DemoApplication.class, ClientApplication.class),
                arguments);
        int port = assertServes(context);
        assertConnected(echo);
        assertListening(Set.of(port, echo.port()));
        assertCommon(context);
    }

    private List<String> serverArguments() {
        // The getting-started application without its port: a web application serves the
        // endpoint on its own port, and a non-web one needs the dedicated port.
        return (stack() == Stack.NONE) ? List.of("--peersocket.server.port=0") : List.of("--server.port=0");
    }

    private List<String> clientArguments(EchoServer echo) {
        return List.of("--peersocket.client.connections.echo.url=" + echo.url(), "--server.port=0");
    }

    /**
     * The endpoint answers, on the application's port or the dedicated one, as the stack
     * has it.
     */
    private int assertServes(ConfigurableApplicationContext context) {
        PeerSocketServer server = context.getBean(PeerSocketServer.class);
        int port;
        if (stack() == Stack.NONE) {
            port = server.port();
            assertThat(port).as("the dedicated port").isPositive();
            assertThat(context.getEnvironment().getProperty("local.peersocket.port", Integer.class)).isEqualTo(port);
        }
        else {
            assertThat(server.port()).as("no dedicated port").isEqualTo(-1);
            port = applicationPort(context);
        }
        try (PeerSocketTestClient client = PeerSocketTestClient
            .connect(URI.create("ws://127.0.0.1:" + port + "/hello"))) {
            client.send("Godot");
            assertThat(client.awaitPacket().text()).isEqualTo("Hello, Godot!");
            client.close(1000, "bye");
            assertThat(client.awaitClose().code()).isEqualTo(1000);
        }
        return port;
    }

    private void assertConnected(EchoServer echo) {
        assertThat(echo.awaitText(TIMEOUT)).isEqualTo(EchoClientHandler.GREETING);
        echo.send("ping");
        assertThat(echo.awaitText(TIMEOUT)).isEqualTo("pong:ping");
    }

    private void assertCommon(ConfigurableApplicationContext context) {
        assertThat(webServer(context)).as("the web server").isEqualTo(stack().webServer);
        PeerSocketKeepAlive keepAlive = context.getBeanProvider(PeerSocketKeepAlive.class).getIfAvailable();
        if (stack() == Stack.NONE) {
            assertThat(keepAlive).as("a non-web application is held up").isNotNull();
            assertThat(keepAlive.isHolding()).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).anySatisfy((thread) -> {
                assertThat(thread.getName()).isEqualTo(PeerSocketKeepAlive.THREAD_NAME);
                assertThat(thread.isDaemon()).isFalse();
            });
        }
        else {
            assertThat(keepAlive).as("the web server holds a web application up").isNull();
        }
        // No QUIC native library: Netty says QUIC is unavailable. The classes stay, since
        // Reactor
        // Netty's TLS client asks them (HttpClientSecure's initializer): it must still
        // load.
        assertThat(getClass().getClassLoader().getResource(QUIC_NATIVE)).as(QUIC_NATIVE).isNull();
        assertThat(Quic.isAvailable()).as("QUIC available").isFalse();
        assertThatCode(() -> HttpClient.create().secure()).as("a TLS client").doesNotThrowAnyException();
    }

    private static void assertListening(Set<Integer> expected) {
        if (!ListeningPorts.readable()) {
            return;
        }
        // The ports of the previous case's application close with its context; bounded
        // wait.
        await().atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(ListeningPorts.ofThisProcess()).as("the ports this JVM listens on")
                .containsExactlyInAnyOrderElementsOf(expected));
    }

    private static int applicationPort(ConfigurableApplicationContext context) {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        assertThat(port).as("local.server.port").isNotNull().isPositive();
        return port;
    }

    /**
     * The simple name of the application's web server, or null: Boot's web server types
     * are on a web stack's classpath only.
     */
    private static @Nullable String webServer(ConfigurableApplicationContext context) {
        try {
            Object server = context.getClass().getMethod("getWebServer").invoke(context);
            return (server != null) ? server.getClass().getSimpleName() : null;
        }
        catch (NoSuchMethodException ex) {
            return null;
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ConfigurableApplicationContext run(List<Class<?>> sources, List<String> arguments) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(arguments));
        all.add("--spring.main.banner-mode=off");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
            .run(all.toArray(String[]::new));
        this.opened.add(context);
        return context;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        this.opened.add(closeable);
        return closeable;
    }

}
