package io.peersocket.bench.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * One client WebSocket connection, RFC 6455 by hand on a Netty channel: a real HTTP/1.1
 * upgrade whose {@code Sec-WebSocket-Accept} is checked, every frame masked with a fresh
 * random key, server frames checked (unmasked, no RSV bits, well-formed control frames),
 * fragments joined, pings answered, the close handshake completed. Lean on purpose: the
 * load generator must not be what limits a server, so payloads are checked in place and
 * writes are flushed once per read.
 */
public final class WsConn extends ByteToMessageDecoder {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final URI uri;

    private final String protocol;

    private final WsListener listener;

    private final String key;

    private ChannelHandlerContext ctx;

    private boolean open;

    private boolean dirty;

    private boolean closeSent;

    private boolean closeReceived;

    private String error;

    private ByteBuf fragments;

    private boolean fragmentsText;

    /** Free for the scenario: the index of this connection. */
    public int index;

    /** Free for the scenario: whatever it keeps per connection. */
    public Object state;

    WsConn(URI uri, String protocol, WsListener listener) {
        this.uri = uri;
        this.protocol = protocol;
        this.listener = listener;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * @return the channel, or {@code null} before it was registered
     */
    public Channel channel() {
        return (this.ctx != null) ? this.ctx.channel() : null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /**
     * @return whether the upgrade completed (even if the connection has closed since)
     */
    public boolean upgraded() {
        return this.open;
    }

    public boolean isOpen() {
        return this.open && !this.closeSent && !this.closeReceived;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String path = (this.uri.getRawPath() == null || this.uri.getRawPath().isEmpty()) ? "/" : this.uri.getRawPath();
        StringBuilder request = new StringBuilder(256).append("GET ")
            .append(path)
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(this.uri.getHost())
            .append(':')
            .append(this.uri.getPort())
            .append("\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ")
            .append(this.key)
            .append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
        if (!this.protocol.isEmpty()) {
            request.append("Sec-WebSocket-Protocol: ").append(this.protocol).append("\r\n");
        }
        request.append("\r\n");
        ctx.writeAndFlush(ctx.alloc()
            .buffer(request.length())
            .writeBytes(request.toString().getBytes(StandardCharsets.US_ASCII)));
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!this.open) {
            if (!readHandshake(in)) {
                return;
            }
        }
        while (this.ctx.channel().isActive() && this.error == null) {
            int readable = in.readableBytes();
            if (readable < 2) {
                return;
            }
            int start = in.readerIndex();
            int b0 = in.getUnsignedByte(start);
            int b1 = in.getUnsignedByte(start + 1);
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0) {
                fail("server frame with RSV bits " + Integer.toHexString(b0));
                return;
            }
            if ((b1 & 0x80) != 0) {
                fail("masked server frame");
                return;
            }
            int len7 = b1 & 0x7F;
            int header = 2;
            long length = len7;
            if (len7 == 126) {
                if (readable < 4) {
                    return;
                }
                length = in.getUnsignedShort(start + 2);
                header = 4;
            }
            else if (len7 == 127) {
                if (readable < 10) {
                    return;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            if (length > (1 << 26)) {
                fail("frame of " + length + " bytes");
                return;
            }
            if (readable < header + length) {
                return;
            }
            int index = start + header;
            int size = (int) length;
            in.readerIndex(index + size);
            frame(fin, opcode, in, index, size);
        }
        if (this.error != null) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void frame(boolean fin, int opcode, ByteBuf in, int index, int size) {
        if (opcode >= 8) {
            if (!fin || size > 125) {
                fail("bad control frame (fin " + fin + ", " + size + " bytes)");
                return;
            }
            if (opcode == 8) {
                int code = (size >= 2) ? in.getUnsignedShort(index) : 1005;
                this.closeReceived = true;
                if (!this.closeSent) {
                    sendClose((code == 1005) ? 1000 : code);
                    flush();
                }
                this.listener.onClose(this, code);
                // The server closes TCP after the handshake; a client drops it itself if
                // the server does not.
                this.ctx.executor().schedule(() -> this.ctx.close(), 2, java.util.concurrent.TimeUnit.SECONDS);
            }
            else if (opcode == 9) {
                byte[] data = new byte[size];
                in.getBytes(index, data);
                send(0xA, data, 0, size);
                this.dirty = true;
            }
            else if (opcode != 0xA) {
                fail("reserved control opcode " + opcode);
            }
            return;
        }
        if (opcode == 1 || opcode == 2) {
            if (this.fragments != null) {
                fail("new data frame inside a fragmented message");
                return;
            }
            if (fin) {
                this.listener.onMessage(this, opcode == 1, in, index, size);
                return;
            }
            this.fragments = this.ctx.alloc().buffer(Math.max(size * 2, 256));
            this.fragmentsText = opcode == 1;
            this.fragments.writeBytes(in, index, size);
            return;
        }
        if (opcode == 0) {
            if (this.fragments == null) {
                fail("continuation without a message");
                return;
            }
            this.fragments.writeBytes(in, index, size);
            if (fin) {
                ByteBuf whole = this.fragments;
                this.fragments = null;
                try {
                    this.listener.onMessage(this, this.fragmentsText, whole, whole.readerIndex(),
                            whole.readableBytes());
                }
                finally {
                    whole.release();
                }
            }
            return;
        }
        fail("reserved opcode " + opcode);
    }

    private boolean readHandshake(ByteBuf in) {
        int from = in.readerIndex();
        int headersEnd = -1;
        for (int i = from; i + 3 < in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                headersEnd = i + 4;
                break;
            }
        }
        if (headersEnd < 0) {
            if (in.readableBytes() > 16384) {
                fail("handshake response too long");
            }
            return false;
        }
        String response = in.toString(from, headersEnd - from, StandardCharsets.ISO_8859_1);
        in.readerIndex(headersEnd);
        String[] lines = response.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            fail("upgrade refused: " + lines[0]);
            return false;
        }
        String accept = null;
        String upgrade = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("sec-websocket-accept")) {
                accept = value;
            }
            else if (name.equals("upgrade")) {
                upgrade = value;
            }
        }
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket") || !expectedAccept().equals(accept)) {
            fail("bad upgrade response (Upgrade " + upgrade + ", Sec-WebSocket-Accept " + accept + ")");
            return false;
        }
        this.open = true;
        this.listener.onOpen(this);
        flush();
        return true;
    }

    private String expectedAccept() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((this.key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Queues a text (or binary) message; flushed at the end of the current read, or by
     * {@link #flush()}.
     */
    public void send(boolean text, byte[] payload, int length) {
        send(text ? 1 : 2, payload, 0, length);
    }

    private void send(int opcode, byte[] payload, int offset, int length) {
        ByteBuf frame = this.ctx.alloc().buffer(14 + length);
        frame.writeByte(0x80 | opcode);
        if (length < 126) {
            frame.writeByte(0x80 | length);
        }
        else if (length < 65536) {
            frame.writeByte(0x80 | 126);
            frame.writeShort(length);
        }
        else {
            frame.writeByte(0x80 | 127);
            frame.writeLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.writeInt(mask);
        long mask64 = ((mask & 0xFFFFFFFFL) << 32) | (mask & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            frame.writeLong((long) LONGS.get(payload, offset + i) ^ mask64);
        }
        for (; i < length; i++) {
            frame.writeByte(payload[offset + i] ^ (mask >>> (24 - 8 * (i & 3))));
        }
        this.ctx.write(frame, this.ctx.voidPromise());
        this.dirty = true;
    }

    /** Starts the close handshake with this code. */
    public void close(int code) {
        if (this.closeSent || !this.ctx.channel().isActive()) {
            return;
        }
        sendClose(code);
        flush();
    }

    private void sendClose(int code) {
        this.closeSent = true;
        byte[] body = { (byte) (code >> 8), (byte) code };
        send(8, body, 0, 2);
    }

    public void flush() {
        if (this.dirty) {
            this.dirty = false;
            this.ctx.flush();
        }
    }

    private void fail(String message) {
        if (this.error == null) {
            this.error = message;
            this.ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        if (this.fragments != null) {
            this.fragments.release();
            this.fragments = null;
        }
        if (!this.open && this.error == null) {
            this.error = "closed before the upgrade completed";
        }
        this.listener.onDisconnected(this, this.error);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.toString());
    }

    /**
     * @return the failure, if any
     */
    public String error() {
        return this.error;
    }

    /** Marks a verification failure found by a scenario and drops the connection. */
    public void failVerification(String message) {
        fail(message);
    }

}
