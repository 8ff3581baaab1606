package io.peersocket.sample.chat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.peersocket.cluster.ClusterNode;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.sample.SampleApplication;
import io.peersocket.sample.security.SampleTokens;
import io.peersocket.testkit.PeerSocketTestClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code cluster} profile: two instances on one real redis-server (Debian's
 * binary, started on a free loopback port); a member of the chat on each instance sees
 * the other join and they exchange messages, at the protocol level and in two headless
 * Chromiums, each page served by its own instance; the welcome lists the members of both
 * instances; relay clients of the two instances meet at {@code /mp} and their packets
 * cross. Skipped without the binary (or Chromium for the browser test), unless
 * {@code peersocket.peers.required}.
 */
class ChatClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void twoBrowserPagesOnTwoInstancesChatWithEachOther() throws Exception {
        boolean installed = Chromium.checkInstalled();
        Chromium.skipUnless(installed);
        int redisPort = freePort();
        Process redis = startRedis(redisPort);
        // Free ports bound by the servers themselves (a port chosen beforehand can be
        // taken meanwhile on a
        // busy machine), so the pages' origins are allowed by pattern.
        String origins = "--peersocket.server.allowed-origins=http://localhost:[*]";
        try (ConfigurableApplicationContext one = instance(redisPort, "sample-1", "--server.port=0", origins);
                ConfigurableApplicationContext two = instance(redisPort, "sample-2", "--server.port=0", origins);
                Chromium ada = Chromium.start(640, 560);
                Chromium grace = Chromium.start(640, 560)) {
            await().atMost(WAIT)
                .until(() -> one.getBean(ClusterNode.class).otherNodes().contains("sample-2")
                        && two.getBean(ClusterNode.class).otherNodes().contains("sample-1"));
            int web1 = webPort(one);
            int web2 = webPort(two);
            WebDriver adaPage = open(ada.driver(), web1, wsPort(one), "Ada");
            await().atMost(WAIT).until(() -> two.getBean(ClusterNode.class).remotePeers().size() == 1);
            WebDriver gracePage = open(grace.driver(), web2, wsPort(two), "Grace");
            waitForLine(adaPage, "Grace joined.");
            say(adaPage, "Hello from instance one");
            waitForLine(gracePage, "Ada: Hello from instance one");
            say(gracePage, "Hello from instance two");
            waitForLine(adaPage, "Grace: Hello from instance two");
            waitForLine(gracePage, "Grace: Hello from instance two");
        }
        finally {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static WebDriver open(WebDriver driver, int webPort, int socketPort, String name) {
        driver.get("http://localhost:" + webPort + "/?port=" + socketPort);
        // Each instance has its own login (the page is behind the sample's form login)
        // and signs
        // its own tokens, so each page logs in on the instance it came from.
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys("player");
            driver.findElement(By.id("password")).sendKeys("player-dev");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait(driver, "the page to connect",
                (d) -> "open".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("join")).click();
        waitForLine(driver, "You joined as " + name + ".");
        return driver;
    }

    private static void say(WebDriver driver, String text) {
        wait(driver, "the send box to be enabled", (d) -> d.findElement(By.id("text")).isEnabled());
        driver.findElement(By.id("text")).sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    private static void waitForLine(WebDriver driver, String line) {
        wait(driver, "the line '" + line + "'",
                (d) -> d.findElements(By.cssSelector("#messages li"))
                    .stream()
                    .map(WebElement::getText)
                    .toList()
                    .contains(line));
    }

    private static void wait(WebDriver driver, String what, java.util.function.Predicate<WebDriver> condition) {
        new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(() -> "waited for " + what)
            .until(condition::test);
    }

    private static Process startRedis(int port) throws IOException {
        File binary = new File("/usr/bin/redis-server");
        if (!binary.canExecute()) {
            assertThat(Boolean.getBoolean("peersocket.peers.required")).as("redis-server is required").isFalse();
            Assumptions.abort("redis-server is missing (apt-get install redis-server)");
        }
        Process redis = new ProcessBuilder(List.of(binary.getPath(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .start();
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(port));
        return redis;
    }

    @Test
    void membersAndRelayClientsOnTwoInstancesMeet() throws Exception {
        int redisPort = freePort();
        Process redis = startRedis(redisPort);
        try {
            try (ConfigurableApplicationContext one = instance(redisPort, "sample-1", "--server.port=0");
                    ConfigurableApplicationContext two = instance(redisPort, "sample-2", "--server.port=0")) {
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> one.getBean(ClusterNode.class).otherNodes().contains("sample-2")
                            && two.getBean(ClusterNode.class).otherNodes().contains("sample-1"));
                try (ChatClient ada = ChatClient.join(wsPort(one), token(one), "Ada")) {
                    assertThat(ada.welcomedUsers()).containsExactly("Ada");
                    await().atMost(Duration.ofSeconds(20))
                        .until(() -> two.getBean(ClusterNode.class).remotePeers().size() == 1);
                    try (ChatClient grace = ChatClient.join(wsPort(two), token(two), "Grace");
                            ChatClient alan = ChatClient.join(wsPort(one), token(one), "alan")) {
                        // The welcome lists the members of both instances, whichever
                        // instance welcomes.
                        assertThat(grace.welcomedUsers()).containsExactly("Ada", "Grace");
                        assertThat(alan.welcomedUsers()).containsExactly("Ada", "alan", "Grace");
                        assertThat(ada.expect("joined").path("name").asString()).isEqualTo("Grace");
                        assertThat(ada.expect("joined").path("name").asString()).isEqualTo("alan");
                        assertThat(grace.expect("joined").path("name").asString()).isEqualTo("alan");
                        grace.send(Map.of("type", "say", "text", "Hello from the other instance"));
                        for (ChatClient member : new ChatClient[] { ada, grace, alan }) {
                            JsonNode message = member.expect("message");
                            assertThat(message.path("name").asString()).isEqualTo("Grace");
                            assertThat(message.path("text").asString()).isEqualTo("Hello from the other instance");
                        }
                        ada.send(Map.of("type", "say", "text", "Hi Grace"));
                        assertThat(grace.expect("message").path("text").asString()).isEqualTo("Hi Grace");
                        assertThat(ada.expect("message").path("text").asString()).isEqualTo("Hi Grace");
                        assertThat(alan.expect("message").path("text").asString()).isEqualTo("Hi Grace");
                    }
                    assertThat(List.of(ada.expect("left").path("name").asString(),
                            ada.expect("left").path("name").asString()))
                        .containsExactlyInAnyOrder("Grace", "alan");
                    // Gone from the other instance's list too.
                    try (ChatClient lin = ChatClient.join(wsPort(two), token(two), "Lin")) {
                        assertThat(lin.welcomedUsers()).containsExactly("Ada", "Lin");
                    }
                }
                relayClientsOnTheTwoInstancesMeet(one, two);
            }
        }
        finally {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // The /mp relay spans the instances: a client of each sees the other join, their
    // packets cross
    // (targeted, to everybody, to everybody but one), and peer 1 is the application of
    // the sender's
    // instance, which answers its ping.
    private static void relayClientsOnTheTwoInstancesMeet(ConfigurableApplicationContext one,
            ConfigurableApplicationContext two) {
        try (RelayClient first = new RelayClient(wsPort(one), token(one))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> two.getBean(ClusterNode.class).nodeOf(first.id) != null);
            try (RelayClient second = new RelayClient(wsPort(two), token(two))) {
                second.expect(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, first.id)));
                first.expect(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, second.id)));
                first.send(second.id, "hello second");
                second.expect(payload(first.id, second.id, "hello second"));
                second.send(0, "ping-server:all");
                first.expect(payload(second.id, 0, "ping-server:all"));
                second.expect(payload(1, second.id, "pong-server:all"));
                second.send(-1, "not to the server");
                first.expect(payload(second.id, -1, "not to the server"));
                first.send(-second.id, "to nobody");
                first.send(1, "ping-server:one");
                first.expect(payload(1, first.id, "pong-server:one"));
                assertThat(second.socket.isOpen()).isTrue();
                second.socket.close(1000, "");
                first.expect(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_DEL, second.id)));
            }
        }
    }

    private static RelayFrame payload(int from, int to, String text) {
        return new RelayFrame(RelayFrame.PAYLOAD, from, to, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A relay client at the packet level, as a Godot client with gd_mp_api = true speaks,
     * with a player's token.
     */
    private static final class RelayClient implements AutoCloseable {

        final PeerSocketTestClient socket;

        final int id;

        RelayClient(int port, String token) {
            this.socket = PeerSocketTestClient.builder()
                .header("Authorization", "Bearer " + token)
                .connect(URI.create("ws://127.0.0.1:" + port + "/mp"));
            RelayFrame hello = next();
            assertThat(hello.type()).isEqualTo(RelayFrame.SYS_ID);
            this.id = hello.peerId();
            expect(RelayFrame.decode(RelayFrame.system(RelayFrame.SYS_ADD, 1)));
        }

        RelayFrame next() {
            return RelayFrame.decode(this.socket.awaitPacket(WAIT).data());
        }

        void expect(RelayFrame frame) {
            assertThat(next()).isEqualTo(frame);
        }

        void send(int to, String text) {
            this.socket.send(RelayFrame.payload(this.id, to, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            this.socket.close();
        }

    }

    private static ConfigurableApplicationContext instance(int redisPort, String node, String... more) {
        // Arguments, not default properties: they must win over application-cluster.yml.
        List<String> args = new java.util.ArrayList<>(List.of("--peersocket.server.port=0",
                "--spring.data.redis.port=" + redisPort, "--spring.data.redis.host=127.0.0.1",
                "--peersocket.cluster.node-id=" + node, "--peersocket.cluster.key-prefix=sample-chat-test"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SampleApplication.class).profiles("cluster")
            .run(args.toArray(String[]::new));
    }

    // A player's token, signed by that instance (the chat needs one; each instance has
    // its own key).
    private static String token(ConfigurableApplicationContext context) {
        return context.getBean(SampleTokens.class).issue("player", "player", Duration.ofMinutes(10));
    }

    private static int webPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static int wsPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.peersocket.port", Integer.class);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
