package io.peersocket.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application as an operator runs it: a separate JVM, its WebSocket port and
 * its web port with actuator. Checks the Prometheus scrape for the peersocket meters and
 * their tags, then sends SIGTERM with peers connected: each peer receives 1001, health
 * reads OUT_OF_SERVICE while the server drains, and the process exits within the shutdown
 * timeout although one peer (it reads nothing) could never take its close frame.
 */
class SampleApplicationOperationsTest {

    // Below the 3 s a peer has to answer our close frame (after which it is dropped
    // anyway), so
    // that the stuck peer is still waiting when the drain's own deadline comes.
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMillis(1500);

    /** Boot's log line for the web server's port. */
    private static final Pattern WEB_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    /** peersocket's log line for the dedicated WebSocket port. */
    private static final Pattern WS_PORT = Pattern.compile("peersocket listening on \\S*:(\\d+)");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process process;

    private final List<Closeable> toClose = new ArrayList<>();

    interface Closeable {

        void close() throws Exception;

    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Closeable closeable : this.toClose) {
            closeable.close();
        }
        if (this.process != null && this.process.isAlive()) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void prometheusShowsTheMetersAndSigtermDrainsWithinTheShutdownTimeout() throws Exception {
        Path log = Path.of("target", "sample-app-operations.log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Both ports 0, read back from the log: a port found free beforehand may be taken
        // by
        // another build on the machine before the application binds it.
        this.process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SampleApplication.class.getName(), "--server.port=0", "--peersocket.server.port=0",
                "--peersocket.server.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        await().atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .ignoreExceptions()
            .until(() -> !this.process.isAlive() || (port(log, WEB_PORT) > 0 && port(log, WS_PORT) > 0));
        assertThat(this.process.isAlive()).as("the application started; its log: %s", log.toAbsolutePath()).isTrue();
        int webPort = port(log, WEB_PORT);
        int wsPort = port(log, WS_PORT);
        String actuator = "http://127.0.0.1:" + webPort + "/actuator";
        await().atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .ignoreExceptions()
            .until(() -> get(actuator + "/health/peersocket").statusCode() == 200);

        // Three echo peers, one of which leaves cleanly; a refused upgrade; a mirror peer
        // that never reads.
        List<Client> echo = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Client client = Client.connect(URI.create("ws://127.0.0.1:" + wsPort + "/echo"));
            this.toClose.add(client::abort);
            client.socket.sendText("hello " + i, true).get(10, TimeUnit.SECONDS);
            assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello " + i);
            echo.add(client);
        }
        Client leaving = Client.connect(URI.create("ws://127.0.0.1:" + wsPort + "/echo"));
        leaving.socket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        assertThat(leaving.closed.get(10, TimeUnit.SECONDS)).startsWith("1000");
        try (Socket refused = upgrade(wsPort, "/", "")) {
            assertThat(statusLine(refused)).startsWith("HTTP/1.1 400");
        }
        Socket stuck = upgrade(wsPort, "/", "Sec-WebSocket-Protocol: lws-mirror-protocol\r\n");
        this.toClose.add(stuck::close);
        assertThat(statusLine(stuck)).startsWith("HTTP/1.1 101");
        // Every message is mirrored back to the stuck peer until its output limit is
        // full.
        byte[] chunk = new byte[16 * 1024];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < 64; i++) {
                sendMasked(stuck, chunk);
            }
            return value(get(actuator + "/prometheus").body(), "peersocket_drops_total", "endpoint=\"/\"",
                    "reason=\"output-full\"") > 500;
        });

        String scrape = get(actuator + "/prometheus").body();
        Files.writeString(Path.of("target", "sample-app-prometheus.txt"), scrape);
        assertThat(value(scrape, "peersocket_peers_open", "endpoint=\"/echo\"", "role=\"server\"")).isEqualTo(3);
        assertThat(value(scrape, "peersocket_peers_open", "endpoint=\"/\"", "role=\"server\"")).isEqualTo(1);
        assertThat(value(scrape, "peersocket_connections_opened_total", "endpoint=\"/echo\"")).isEqualTo(4);
        assertThat(value(scrape, "peersocket_connections_closed_total", "endpoint=\"/echo\"", "code=\"1000\"",
                "clean=\"true\""))
            .isEqualTo(1);
        assertThat(value(scrape, "peersocket_handshakes_refused_total", "endpoint=\"/\"", "reason=\"protocol\""))
            .isEqualTo(1);
        assertThat(value(scrape, "peersocket_packets_in_total", "endpoint=\"/echo\"", "mode=\"text\"")).isEqualTo(3);
        assertThat(value(scrape, "peersocket_bytes_in_total", "endpoint=\"/echo\"", "mode=\"text\"")).isEqualTo(21);
        assertThat(value(scrape, "peersocket_packets_out_total", "endpoint=\"/echo\"", "mode=\"text\"")).isEqualTo(3);
        assertThat(value(scrape, "peersocket_bytes_out_total", "endpoint=\"/echo\"", "mode=\"text\"")).isEqualTo(21);
        assertThat(value(scrape, "peersocket_packets_in_total", "endpoint=\"/\"", "mode=\"binary\"")).isPositive();
        assertThat(value(scrape, "peersocket_handler_time_seconds_count", "endpoint=\"/echo\""))
            .isGreaterThanOrEqualTo(7);
        assertThat(value(scrape, "peersocket_handler_errors_total", "endpoint=\"/echo\"")).isNaN();
        assertThat(value(scrape, "peersocket_shutdown_dropped_total", "endpoint=\"/\"")).isZero();
        assertThat(get(actuator + "/peersocket").body()).contains("\"count\":4");

        // SIGTERM with peers connected.
        List<String> health = new CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> {
            while (true) {
                try {
                    HttpResponse<String> response = get(actuator + "/health/peersocket");
                    Matcher status = Pattern.compile("\"status\":\"(\\w+)\"").matcher(response.body());
                    health.add(response.statusCode() + " " + (status.find() ? status.group(1) : "?"));
                    Thread.sleep(20);
                }
                catch (Exception ex) {
                    return; // the web server has stopped
                }
            }
        }, "health-poller");
        poller.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> !health.isEmpty());
        long start = System.nanoTime();
        this.process.destroy();
        // Bounded, not timed: a drain that ignored the timeout would wait for the stuck
        // peer forever.
        boolean exited = this.process.waitFor(SHUTDOWN_TIMEOUT.toMillis() + 20_000, TimeUnit.MILLISECONDS);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        poller.join(5000);
        String output = Files.readString(log);
        System.out.println("SIGTERM to exit: " + elapsedMs + " ms (shutdown timeout " + SHUTDOWN_TIMEOUT.toMillis()
                + " ms); health seen: " + health.stream().distinct().toList());

        assertThat(exited).as("the process exited").isTrue();
        for (Client client : echo) {
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1001 Server shutting down");
        }
        assertThat(health).as("health during the drain").contains("503 OUT_OF_SERVICE");
        assertThat(output).contains("1 peer(s) did not finish closing within " + SHUTDOWN_TIMEOUT + "; dropping them");
        // The drain waits the whole timeout for the stuck peer, then drops it; the rest
        // of the
        // shutdown (web server, JVM) takes about half a second, more on a loaded machine,
        // which the
        // bounded wait above allows for instead of a wall-clock window.
        assertThat(elapsedMs).isGreaterThanOrEqualTo(SHUTDOWN_TIMEOUT.toMillis());
    }

    /**
     * @param scrape a Prometheus text exposition
     * @param name a sample name
     * @param labels labels the sample must have ({@code key="value"})
     * @return the sample's value, or NaN when no sample matches
     */
    static double value(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelSet = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String label : labels) {
                all &= labelSet.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    // As an operator's scraper: the actuator beyond health needs the role ACTUATOR (the
    // sample's
    // 'operator' with its development password; SampleSecurityTest checks the refusals).
    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        String operator = Base64.getEncoder().encodeToString("operator:operator-dev".getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Basic " + operator)
            .timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * @param log the application's output
     * @param line the log line that names a bound port, the port as its first group
     * @return the port, or 0 while the line is not there
     */
    private static int port(Path log, Pattern line) throws IOException {
        Matcher matcher = line.matcher(Files.readString(log));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static Socket upgrade(int port, String path, String headers) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + headers + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            response.append((char) b);
        }
        return response.toString().lines().findFirst().orElse("");
    }

    private static void sendMasked(Socket socket, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
        frame.write(0x82);
        frame.write(0x80 | 126);
        frame.write(payload.length >>> 8);
        frame.write(payload.length);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        frame.writeTo(socket.getOutputStream());
    }

    /** A JDK WebSocket client that collects text messages and the close it receives. */
    static final class Client implements WebSocket.Listener {

        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

        final CompletableFuture<String> closed = new CompletableFuture<>();

        private final StringBuilder text = new StringBuilder();

        WebSocket socket;

        static Client connect(URI uri) {
            Client client = new Client();
            client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).orTimeout(10, TimeUnit.SECONDS).join();
            return client;
        }

        void abort() {
            this.socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.text.append(data);
            if (last) {
                this.messages.add(this.text.toString());
                this.text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            this.closed.complete("error " + error);
        }

    }

}
