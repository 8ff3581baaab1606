package io.peersocket.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis for the cluster tests, no persistence, started before the test class and
 * killed after it. Where Docker runs (Testcontainers' {@link DockerClientFactory} finds
 * it) a {@code redis:7} container; elsewhere Debian's {@code redis-server} on a free
 * loopback port. The log says which ({@code Redis for ...});
 * {@code -Dpeersocket.test.redis=binary} keeps the binary where Docker runs. A test can
 * kill it (an outage that loses every key and stream) and start it again on the same
 * port. Register with
 * {@code @RegisterExtension static RedisServer redis = new RedisServer();}. Skipped when
 * neither is there, unless {@code peersocket.peers.required} is true (CI), which fails
 * instead.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private static final Logger logger = LoggerFactory.getLogger(RedisServer.class);

    private static final String BINARY = "/usr/bin/redis-server";

    private static final String IMAGE = "redis:7";

    private static @Nullable Boolean docker;

    // The container of the class running now, for the @ServiceConnection of in-JVM nodes.
    private static volatile @Nullable GenericContainer<?> running;

    private final int port = freePort();

    private final boolean useDocker = dockerAvailable();

    private @Nullable GenericContainer<?> container;

    private final boolean startFirst;

    private Process process;

    /** Starts before the test class. */
    public RedisServer() {
        this(true);
    }

    /**
     * @param startFirst whether it starts before the test class; else the test calls
     * {@link #start()}
     */
    public RedisServer(boolean startFirst) {
        this.startFirst = startFirst;
    }

    /**
     * @return the port it listens on
     */
    public int port() {
        return this.port;
    }

    /**
     * @return the host it listens on: loopback for the binary, Docker's host for the
     * container
     */
    public String host() {
        GenericContainer<?> current = this.container;
        return (current != null) ? current.getHost() : "127.0.0.1";
    }

    /**
     * @return whether it is a Testcontainers container, not the local binary
     */
    public boolean isContainer() {
        return this.useDocker;
    }

    /**
     * @return the container of the class running now, when the tests run on Docker
     */
    static @Nullable GenericContainer<?> runningContainer() {
        return running;
    }

    /**
     * Sets the container that in-JVM nodes take as their {@code @ServiceConnection}: the
     * extension's own on Docker; {@code ServiceConnectionWiringTest} sets one that names
     * the binary.
     * @param container the container, {@code null} for none
     */
    static void runningContainer(@Nullable GenericContainer<?> container) {
        running = container;
    }

    /**
     * @return the properties that point Spring Data Redis at it (nodes in their own JVM
     * need them; nodes in this JVM get a {@code @ServiceConnection} on Docker, see
     * {@link ClusterNodes})
     */
    public String[] properties() {
        return new String[] { "spring.data.redis.host=" + host(), "spring.data.redis.port=" + this.port,
                "spring.data.redis.timeout=2s" };
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (this.useDocker) {
            logger.info("Redis for {}: Testcontainers {} on port {} (Docker is available)", context.getDisplayName(),
                    IMAGE, this.port);
        }
        else if (!new File(BINARY).canExecute()) {
            if (Boolean.getBoolean("peersocket.peers.required")) {
                throw new IllegalStateException(
                        BINARY + " is missing and Docker is not available: " + "apt-get install redis-server");
            }
            Assumptions.abort(
                    BINARY + " is missing and Docker is not available (apt-get install redis-server); " + "skipping");
        }
        else {
            logger.info("Redis for {}: Debian's {} on 127.0.0.1:{} (no Docker, or -Dpeersocket.test.redis=binary)",
                    context.getDisplayName(), BINARY, this.port);
        }
        if (this.startFirst) {
            start();
        }
    }

    /**
     * Whether the tests use Docker: Testcontainers finds a Docker environment and
     * {@code peersocket.test.redis} does not ask for the binary. Asked once per JVM.
     */
    static synchronized boolean dockerAvailable() {
        if (docker == null) {
            if ("binary".equals(System.getProperty("peersocket.test.redis"))) {
                docker = false;
            }
            else {
                try {
                    docker = DockerClientFactory.instance().isDockerAvailable();
                }
                catch (RuntimeException | LinkageError ex) {
                    docker = false;
                }
            }
        }
        return docker;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kill();
    }

    /** Starts it and waits until it answers PING. */
    public synchronized void start() throws IOException, InterruptedException {
        if (this.useDocker) {
            startContainer();
        }
        else {
            if (this.process != null && this.process.isAlive()) {
                return;
            }
            this.process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(this.port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (command("PING").contains("PONG")) {
                    return;
                }
            }
            catch (IOException ex) {
                if (System.nanoTime() > deadline || (this.process != null && !this.process.isAlive())) {
                    throw new IllegalStateException("Redis did not start on port " + this.port, ex);
                }
                Thread.sleep(50);
            }
        }
    }

    // The same host port at each start, as the binary's: the nodes reconnect to where
    // Redis was.
    private void startContainer() {
        if (this.container != null && this.container.isRunning()) {
            return;
        }
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCommand("redis-server", "--save", "", "--appendonly", "no")
            .withExposedPorts(6379);
        redis.setPortBindings(List.of(this.port + ":6379"));
        redis.start();
        this.container = redis;
        running = redis;
    }

    /**
     * Kills it (SIGKILL, or the container killed and removed) and waits for it to be
     * gone: everything it held is lost.
     */
    public synchronized void kill() {
        GenericContainer<?> current = this.container;
        if (current != null) {
            current.stop();
            this.container = null;
            if (running == current) {
                running = null;
            }
        }
        if (this.process != null) {
            this.process.destroyForcibly();
            try {
                this.process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            this.process = null;
        }
    }

    /**
     * Sends one command in RESP and returns the raw reply.
     * @param args the command and its arguments
     * @return what Redis answered, as text
     * @throws IOException when Redis does not answer
     */
    public String command(String... args) throws IOException {
        return command(args, new byte[0][]);
    }

    /**
     * @param args the command and its text arguments
     * @param binary binary arguments after them
     * @return what Redis answered, as text
     * @throws IOException when Redis does not answer
     */
    public String command(String[] args, byte[]... binary) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), this.port), 1000);
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("*" + (args.length + binary.length) + "\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            for (byte[] bytes : binary) {
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("Redis closed the connection");
            }
            return new String(buffer, 0, read, StandardCharsets.UTF_8);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
