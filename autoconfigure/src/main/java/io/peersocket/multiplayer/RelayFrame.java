package io.peersocket.multiplayer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The engine's multiplayer relay message ({@code gd_mp_api = true}): a 9-byte header,
 * then the payload. Shared by the server relay and the client, so that both encode and
 * decode the same bytes.
 *
 * <pre>
 * offset size field
 * 0      1    type: 0 payload (SYS_NONE), 1 SYS_ADD, 2 SYS_DEL, 3 SYS_ID
 * 1      4    from: int32, little-endian
 * 5      4    to:   int32, little-endian
 * 9      n    payload; for a system message the little-endian int32 peer id
 * </pre>
 *
 * The static methods read and write frames in place, without copies, for the per-message
 * path; {@link #decode(byte[])} gives a record for code that prefers one.
 *
 * @param type the message type ({@link #PAYLOAD}, {@link #SYS_ADD}, {@link #SYS_DEL},
 * {@link #SYS_ID})
 * @param from the sender's id (1 for the server)
 * @param to the target: a peer id, 0 for everybody, -N for everybody but N
 * @param payload the payload (for a system message: 4 bytes, the peer id)
 */
public record RelayFrame(int type, int from, int to, byte[] payload) {

    /** Length of the header. */
    public static final int HEADER_SIZE = 9;

    /** Length of a system message: header and a 4-byte id. */
    public static final int SYSTEM_SIZE = HEADER_SIZE + 4;

    /** Type of an application payload ({@code SYS_NONE}). */
    public static final int PAYLOAD = 0;

    /** Type of "peer joined" ({@code SYS_ADD}); sent by the server only. */
    public static final int SYS_ADD = 1;

    /** Type of "peer left" ({@code SYS_DEL}); sent by the server only. */
    public static final int SYS_DEL = 2;

    /** Type of "your id is" ({@code SYS_ID}); sent by the server only. */
    public static final int SYS_ID = 3;

    /**
     * The server's id; also the id a client reaches the server's own application with.
     */
    public static final int SERVER_ID = 1;

    /** The target that means every peer. */
    public static final int EVERYBODY = 0;

    /**
     * Encodes a payload message.
     * @param from the sender
     * @param to the target
     * @param payload the application's bytes
     * @return the message
     */
    public static byte[] payload(int from, int to, byte[] payload) {
        return encode(PAYLOAD, from, to, payload, 0, payload.length);
    }

    /**
     * Encodes a system message from the server ({@code from = 1, to = 0}).
     * @param type {@link #SYS_ADD}, {@link #SYS_DEL} or {@link #SYS_ID}
     * @param peerId the peer it is about
     * @return the 13-byte message
     */
    public static byte[] system(int type, int peerId) {
        byte[] frame = new byte[SYSTEM_SIZE];
        writeHeader(frame, type, SERVER_ID, EVERYBODY);
        writeInt(frame, HEADER_SIZE, peerId);
        return frame;
    }

    /**
     * Encodes a message.
     * @param type the type
     * @param from the sender
     * @param to the target
     * @param data the payload's source
     * @param offset where the payload starts in {@code data}
     * @param length the payload's length
     * @return the message
     */
    public static byte[] encode(int type, int from, int to, byte[] data, int offset, int length) {
        byte[] frame = new byte[HEADER_SIZE + length];
        writeHeader(frame, type, from, to);
        System.arraycopy(data, offset, frame, HEADER_SIZE, length);
        return frame;
    }

    /**
     * Writes a header in place.
     * @param frame at least {@link #HEADER_SIZE} bytes
     * @param type the type
     * @param from the sender
     * @param to the target
     */
    public static void writeHeader(byte[] frame, int type, int from, int to) {
        frame[0] = (byte) type;
        writeInt(frame, 1, from);
        writeInt(frame, 5, to);
    }

    /**
     * @param frame a received message
     * @return whether it is long enough to hold a header
     */
    public static boolean hasHeader(byte[] frame) {
        return frame.length >= HEADER_SIZE;
    }

    /**
     * @param frame a message with a header
     * @return its type, 0 to 255
     */
    public static int typeOf(byte[] frame) {
        return frame[0] & 0xFF;
    }

    /**
     * @param frame a message with a header
     * @return its {@code from}
     */
    public static int fromOf(byte[] frame) {
        return readInt(frame, 1);
    }

    /**
     * @param frame a message with a header
     * @return its {@code to}
     */
    public static int toOf(byte[] frame) {
        return readInt(frame, 5);
    }

    /**
     * @param frame a system message
     * @return the peer id it carries
     * @throws IllegalArgumentException when it is shorter than a system message
     */
    public static int peerIdOf(byte[] frame) {
        if (frame.length < SYSTEM_SIZE) {
            throw new IllegalArgumentException("A system message has " + SYSTEM_SIZE + " bytes, not " + frame.length);
        }
        return readInt(frame, HEADER_SIZE);
    }

    /**
     * @param frame a message with a header
     * @return a read-only view of its payload (no copy)
     */
    public static ByteBuffer payloadView(byte[] frame) {
        return ByteBuffer.wrap(frame, HEADER_SIZE, frame.length - HEADER_SIZE).slice().asReadOnlyBuffer();
    }

    /**
     * @param frame a message with a header
     * @return a copy of its payload
     */
    public static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, HEADER_SIZE, frame.length);
    }

    /**
     * Decodes a message.
     * @param frame the message
     * @return its fields, the payload copied
     * @throws IllegalArgumentException when it is shorter than the header
     */
    public static RelayFrame decode(byte[] frame) {
        if (!hasHeader(frame)) {
            throw new IllegalArgumentException(
                    "A relay message has at least " + HEADER_SIZE + " bytes, not " + frame.length);
        }
        return new RelayFrame(typeOf(frame), fromOf(frame), toOf(frame), payloadOf(frame));
    }

    /**
     * @return the message's bytes
     */
    public byte[] encode() {
        return encode(this.type, this.from, this.to, this.payload, 0, this.payload.length);
    }

    /**
     * @return whether this is a system message (only the server sends them)
     */
    public boolean isSystem() {
        return this.type != PAYLOAD;
    }

    /**
     * @return the peer id a system message carries
     * @throws IllegalStateException when the payload is not 4 bytes long enough
     */
    public int peerId() {
        if (this.payload.length < 4) {
            throw new IllegalStateException("No peer id in a payload of " + this.payload.length + " bytes");
        }
        return readInt(this.payload, 0);
    }

    /**
     * @param type a message type
     * @return its name in the engine's sources ({@code SYS_NONE}, {@code SYS_ADD} ...)
     */
    public static String typeName(int type) {
        return switch (type) {
            case PAYLOAD -> "SYS_NONE";
            case SYS_ADD -> "SYS_ADD";
            case SYS_DEL -> "SYS_DEL";
            case SYS_ID -> "SYS_ID";
            default -> "type " + type;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelayFrame that && this.type == that.type && this.from == that.from
                && this.to == that.to && Arrays.equals(this.payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * this.type + this.from) + this.to) + Arrays.hashCode(this.payload);
    }

    @Override
    public String toString() {
        return typeName(this.type) + "(from=" + this.from + ", to=" + this.to
                + ((isSystem() && this.payload.length >= 4) ? ", id=" + peerId()
                        : ", " + this.payload.length + " bytes")
                + ")";
    }

    private static int readInt(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16
                | (data[offset + 3] & 0xFF) << 24;
    }

    private static void writeInt(byte[] data, int offset, int value) {
        data[offset] = (byte) value;
        data[offset + 1] = (byte) (value >>> 8);
        data[offset + 2] = (byte) (value >>> 16);
        data[offset + 3] = (byte) (value >>> 24);
    }

}
