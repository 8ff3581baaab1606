package io.peersocket.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately dumb RFC 6455 client on a plain {@link Socket}, for tests that must send
 * what no well-behaved library would: the upgrade request is written by hand and every
 * bit of a frame header (FIN, RSV, opcode, mask, length) is the caller's choice. Every
 * read is bounded by the socket's read timeout, so a server that does not answer fails
 * the test instead of hanging it.
 */
public final class RawWebSocket implements Closeable {

    public static final int CONTINUATION = 0x0;

    public static final int TEXT = 0x1;

    public static final int BINARY = 0x2;

    public static final int CLOSE = 0x8;

    public static final int PING = 0x9;

    public static final int PONG = 0xA;

    /** The read timeout of every socket opened here. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;

    private final InputStream in;

    private final OutputStream out;

    private final HttpResponse handshake;

    private RawWebSocket(Socket socket, InputStream in, HttpResponse handshake) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    // ---------------------------------------------------------------- handshake

    /**
     * A well-formed upgrade request.
     * @param port the server's port on localhost
     * @param path the request path
     * @param protocols the {@code Sec-WebSocket-Protocol} list, none for no header
     * @return the request text, ending with the empty line
     */
    public static String upgradeRequest(int port, String path, String... protocols) {
        StringBuilder request = new StringBuilder().append("GET ")
            .append(path)
            .append(" HTTP/1.1\r\n")
            .append("Host: localhost:")
            .append(port)
            .append("\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ")
            .append(newKey())
            .append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
        if (protocols.length > 0) {
            request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", protocols)).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /**
     * Adds header lines to a request head.
     * @param request a request head, ending with the empty line
     * @param headers lines such as {@code "Origin: http://example.org"}
     * @return the request with the lines before its empty line
     */
    public static String withHeaders(String request, String... headers) {
        StringBuilder lines = new StringBuilder();
        for (String header : headers) {
            lines.append(header).append("\r\n");
        }
        return request.substring(0, request.length() - 2) + lines + "\r\n";
    }

    /**
     * Opens a socket to localhost, writes {@code request} as it is and reads the response
     * head.
     * @param port the server's port on localhost
     * @param request the whole request head, CRLFs and final empty line included
     * @return the response; on 101 it also holds the open WebSocket
     * ({@link HttpResponse#webSocket()})
     */
    public static HttpResponse handshake(int port, String request) throws IOException {
        return handshake(null, port, request);
    }

    /**
     * {@link #handshake(int, String)} from a given local address: another loopback
     * address (127.0.0.2 ...) is another client to a server that counts peers per
     * address.
     * @param localAddress the address to connect from, {@code null} for any
     */
    public static HttpResponse handshake(java.net.InetAddress localAddress, int port, String request)
            throws IOException {
        return handshake(localAddress, 0, port, request);
    }

    /**
     * {@link #handshake(int, String)} with a small receive buffer, so that what the
     * server sends backs up soon when the test reads nothing.
     * @param receiveBuffer {@code SO_RCVBUF} set before connecting, 0 to leave it
     */
    public static HttpResponse handshake(int port, String request, int receiveBuffer) throws IOException {
        return handshake(null, receiveBuffer, port, request);
    }

    private static HttpResponse handshake(java.net.InetAddress localAddress, int receiveBuffer, int port,
            String request) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("localhost", port), (int) READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = readLine(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            HttpResponse response = new HttpResponse(statusLine, headers, null);
            if (response.status() != 101) {
                socket.close();
                return response;
            }
            String key = keyOf(request);
            String expected = accept(key);
            if (!expected.equals(headers.get("sec-websocket-accept"))) {
                throw new IOException(
                        "Bad Sec-WebSocket-Accept " + headers.get("sec-websocket-accept") + ", expected " + expected);
            }
            RawWebSocket webSocket = new RawWebSocket(socket, in, response);
            return new HttpResponse(statusLine, headers, webSocket);
        }
        catch (IOException | RuntimeException ex) {
            socket.close();
            throw ex;
        }
    }

    /**
     * Upgrades with a well-formed request and fails unless the answer is 101.
     * @param port the server's port on localhost
     * @param path the request path
     * @param protocols the {@code Sec-WebSocket-Protocol} list
     * @return the open WebSocket
     */
    public static RawWebSocket connect(int port, String path, String... protocols) throws IOException {
        HttpResponse response = handshake(port, upgradeRequest(port, path, protocols));
        if (response.webSocket() == null) {
            throw new IOException("Upgrade of " + path + " refused: " + response.statusLine());
        }
        return response.webSocket();
    }

    /**
     * @return the 101 response this socket was opened with
     */
    public HttpResponse handshakeResponse() {
        return this.handshake;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes one frame exactly as described.
     * @param fin the FIN bit
     * @param rsv the three RSV bits (0-7, RSV1 = 4)
     * @param opcode the 4-bit opcode, valid or not
     * @param masked whether to mask the payload (RFC 6455 requires it of clients)
     * @param payload the unmasked payload
     */
    public void sendFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) throws IOException {
        this.out.write(frame(fin, rsv, opcode, masked, payload));
        this.out.flush();
    }

    /**
     * Writes bytes as they are, in one write: several frames built with {@link #frame}.
     */
    /**
     * @return the client side's local port, to find this connection in the kernel's
     * tables
     */
    public int localPort() {
        return this.socket.getLocalPort();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        this.out.write(bytes);
        this.out.flush();
    }

    /** A masked, final text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(true, 0, TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked, final binary frame. */
    public void sendBinary(byte[] data) throws IOException {
        sendFrame(true, 0, BINARY, true, data);
    }

    /** A masked close frame with a code and a reason. */
    public void sendClose(int code, String reason) throws IOException {
        sendFrame(true, 0, CLOSE, true, closePayload(code, reason));
    }

    /**
     * @return a close frame's payload: the code in network order, then the UTF-8 reason
     */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    /**
     * @return the bytes of one frame exactly as described (see {@link #sendFrame})
     */
    public static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        }
        else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        }
        else {
            frame.write(maskBit | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >> shift));
            }
        }
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i & 3]);
            }
        }
        else {
            frame.writeBytes(payload);
        }
        return frame.toByteArray();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads the next frame, whatever it is.
     * @return the frame
     * @throws EOFException when the server closed the connection first
     * @throws java.net.SocketTimeoutException when nothing came within
     * {@link #READ_TIMEOUT}
     */
    public Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        }
        else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("Frame too long for a test: " + length);
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = readFully(4);
        }
        byte[] payload = readFully((int) length);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, mask != null, payload);
    }

    /**
     * Reads frames until a close frame, skipping data, ping and pong frames.
     * @return the server's close frame
     * @throws EOFException when the connection ended without a close frame
     */
    public Frame readClose() throws IOException {
        for (int skipped = 0; skipped < 10_000; skipped++) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
        throw new IOException("No close frame in 10000 frames");
    }

    /**
     * Reads until the server closes the TCP connection, discarding anything received.
     * @return whether the server closed it within the read timeout
     */
    public boolean awaitEndOfStream() {
        try {
            while (this.in.read() != -1) {
                // discard
            }
            return true;
        }
        catch (IOException ex) {
            return !(ex instanceof java.net.SocketTimeoutException);
        }
    }

    private int readByte() throws IOException {
        int b = this.in.read();
        if (b == -1) {
            throw new EOFException("Server closed the connection");
        }
        return b;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] data = this.in.readNBytes(length);
        if (data.length < length) {
            throw new EOFException("Server closed the connection in a frame (" + data.length + "/" + length + ")");
        }
        return data;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

    // ---------------------------------------------------------------- helpers

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("Server closed the connection in the HTTP response, after '" + line + "'");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    private static String keyOf(String request) {
        for (String line : request.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * One frame as read.
     *
     * @param fin the FIN bit
     * @param rsv the RSV bits
     * @param opcode the opcode
     * @param masked whether it was masked (a server must not mask)
     * @param payload the unmasked payload
     */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

        /**
         * @return a close frame's code, or 1005 (no status) when it has no body
         */
        public int closeCode() {
            if (this.payload.length < 2) {
                return 1005;
            }
            return ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
        }

        /**
         * @return a close frame's reason
         */
        public String closeReason() {
            return (this.payload.length <= 2) ? ""
                    : new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8);
        }

        public String text() {
            return new String(this.payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Frame[fin=" + this.fin + ", rsv=" + this.rsv + ", opcode=" + this.opcode + ", masked=" + this.masked
                    + ", length=" + this.payload.length
                    + ((this.opcode == CLOSE) ? ", code=" + closeCode() + ", reason='" + closeReason() + "'" : "")
                    + "]";
        }

    }

    /**
     * The head of the server's answer to an upgrade request.
     *
     * @param statusLine e.g. {@code HTTP/1.1 101 Switching Protocols}
     * @param headers header values by lower-case name (repeated headers joined with ", ")
     * @param webSocket the open WebSocket on 101, else {@code null} (the socket is then
     * closed)
     */
    public record HttpResponse(String statusLine, Map<String, String> headers, RawWebSocket webSocket) {

        /**
         * @return the status code of the status line
         */
        public int status() {
            String[] parts = this.statusLine.split(" ", 3);
            return (parts.length >= 2) ? Integer.parseInt(parts[1]) : -1;
        }

        /**
         * @return a header's value, by case-insensitive name, or {@code null}
         */
        public String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }

    }

}
