package io.peersocket.actuate;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for what the JDK client cannot do: read the HTTP
 * status of a refused upgrade, send any header, and never read what the server sends.
 */
final class RawPeer implements Closeable {

    private final Socket socket;

    private final String response;

    private RawPeer(Socket socket, String response) {
        this.socket = socket;
        this.response = response;
    }

    /**
     * @param port the server port
     * @param path the endpoint
     * @param receiveBuffer SO_RCVBUF before connecting (small: the server's output backs
     * up soon), 0 to leave it
     * @param headers extra request header lines ("Name: value")
     */
    static RawPeer upgrade(int port, String path, int receiveBuffer, String... headers) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            response.append((char) b);
        }
        return new RawPeer(socket, response.toString());
    }

    /**
     * @return the HTTP status of the upgrade response, or -1 when none came
     */
    int status() {
        String[] parts = this.response.split(" ", 3);
        return (parts.length > 1) ? Integer.parseInt(parts[1]) : -1;
    }

    String response() {
        return this.response;
    }

    void sendText(String text) throws IOException {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] data) throws IOException {
        send(0x2, data);
    }

    /** Writes one masked frame with FIN set, as a client must. */
    private void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        }
        else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = this.socket.getOutputStream();
        frame.writeTo(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

}
