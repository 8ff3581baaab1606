package io.peersocket.bench.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the cluster scenarios, on a free loopback port, without persistence,
 * and the few commands the runner sends it itself (RESP over a plain socket: {@code INFO}).
 */
final class RedisProcess implements AutoCloseable {

    final int port;

    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** @return whether {@code redis-server} is on the PATH */
    static boolean available() {
        return Targets.onPath("redis-server");
    }

    static RedisProcess start(int port, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisProcess redis = new RedisProcess(port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                if (redis.command("PING").equals("PONG")) {
                    return redis;
                }
            }
            catch (IOException ex) {
                Thread.sleep(50);
            }
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(log));
            }
        }
        redis.close();
        throw new IOException("redis-server did not answer on port " + port);
    }

    long pid() {
        return this.process.pid();
    }

    /** @return a simple or bulk reply as text */
    String command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
            socket.setSoTimeout(5000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            switch (header.charAt(0)) {
                case '+', ':' -> {
                    return header.substring(1);
                }
                case '$' -> {
                    int length = Integer.parseInt(header.substring(1));
                    if (length < 0) {
                        return "";
                    }
                    byte[] body = in.readNBytes(length + 2);
                    return new String(body, 0, length, StandardCharsets.UTF_8);
                }
                default -> throw new IOException("Redis answered " + header);
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** @return calls per command since the server started ({@code INFO commandstats}), e.g. xadd → 1234 */
    Map<String, Long> commandCalls() throws IOException {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : command("INFO", "commandstats").split("\n")) {
            // cmdstat_xadd:calls=12,usec=...
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                int at = line.indexOf("calls=") + "calls=".length();
                int end = line.indexOf(',', at);
                calls.put(name, Long.parseLong(line.substring(at, end)));
            }
        }
        return calls;
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
