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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for the cluster tests: Debian's {@code redis-server} on a free loopback port, no
 * persistence, started before the test class and killed after it. A test can kill it (SIGKILL: an
 * outage that loses every key and stream) and start it again on the same port. Register with
 * {@code @RegisterExtension static RedisServer redis = new RedisServer();}. Skipped when the binary
 * is missing, unless {@code peersocket.peers.required} is true (CI), which fails instead.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private static final String BINARY = "/usr/bin/redis-server";

    private final int port = freePort();

    private final boolean startFirst;

    private Process process;

    /** Starts before the test class. */
    public RedisServer() {
        this(true);
    }

    /** @param startFirst whether it starts before the test class; else the test calls {@link #start()} */
    public RedisServer(boolean startFirst) {
        this.startFirst = startFirst;
    }

    /** @return the port it listens on */
    public int port() {
        return this.port;
    }

    /** @return the properties that point Spring Data Redis at it */
    public String[] properties() {
        return new String[] { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.port,
                "spring.data.redis.timeout=2s" };
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!new File(BINARY).canExecute()) {
            if (Boolean.getBoolean("peersocket.peers.required")) {
                throw new IllegalStateException(BINARY + " is missing: apt-get install redis-server");
            }
            Assumptions.abort(BINARY + " is missing (apt-get install redis-server); skipping");
        }
        if (this.startFirst) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kill();
    }

    /** Starts it and waits until it answers PING. */
    public synchronized void start() throws IOException, InterruptedException {
        if (this.process != null && this.process.isAlive()) {
            return;
        }
        this.process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (command("PING").contains("PONG")) {
                    return;
                }
            }
            catch (IOException ex) {
                if (System.nanoTime() > deadline || !this.process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + this.port, ex);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Kills it with SIGKILL and waits for it to be gone: everything it held is lost. */
    public synchronized void kill() {
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
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
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
