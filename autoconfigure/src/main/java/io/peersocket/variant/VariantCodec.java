package io.peersocket.variant;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The engine's Variant encoding ({@code encode_variant} / {@code decode_variant} of
 * {@code core/io/marshalls.cpp}), as {@code put_var}, {@code get_var}, {@code var2bytes}
 * and {@code bytes2var} use it: a little-endian 32-bit header (type id in the low byte,
 * flags above), then the value, every part padded to 4 bytes.
 * <p>
 * Java types, both ways:
 * <ul>
 * <li>{@code null}: NIL. {@link Boolean}: bool.</li>
 * <li>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}: int, in 32 bits when it
 * fits and in 64 bits (header flag {@code 1 << 16}) otherwise, as the engine; always read
 * back as {@link Long}, because the engine's int is 64-bit and the width is only a wire
 * detail.</li>
 * <li>{@link Float}, {@link Double}: float, in 32 bits when the value survives the round
 * trip through a 32-bit float and in 64 bits otherwise, as the engine; read back as
 * {@link Double}.</li>
 * <li>{@link String}; the records of this package for the math types, {@link NodePath},
 * {@link RID}, {@link ObjectId} and {@link GodotObject}.</li>
 * <li>{@link Map}: Dictionary, in the map's iteration order; read back as a
 * {@link LinkedHashMap}, which keeps the sender's order. {@link List} or
 * {@code Object[]}: Array; read back as a {@link List}.</li>
 * <li>The pool arrays are Java arrays, so that they never mix with Array: {@code byte[]},
 * {@code int[]}, {@code float[]}, {@code String[]}, {@code Vector2[]}, {@code Vector3[]},
 * {@code Color[]}.</li>
 * </ul>
 * Decoding never trusts a length: every count is checked against the bytes left before
 * anything is allocated, so a forged header cannot make it allocate more than the packet
 * holds. Nesting deeper than {@link #MAX_DEPTH} is refused both ways, which also catches
 * a map or list that contains itself.
 * <p>
 * Immutable and thread-safe.
 */
public final class VariantCodec {

    /** The engine's default {@code encode_buffer_max_size}: 8 MiB. */
    public static final int DEFAULT_ENCODE_BUFFER_MAX_SIZE = 8 * 1024 * 1024;

    /**
     * Deepest nesting read or written. Pandemonium stops at 1024
     * ({@code MAX_RECURSION_DEPTH}), Godot 3.2.3 nowhere; 256 is far beyond any game
     * state and keeps the recursion well inside the smallest thread stack a transport may
     * run it on (JIT-compiled frames can be large). A stack that overflows all the same
     * is reported as the same error, not thrown.
     */
    public static final int MAX_DEPTH = 256;

    private static final int FLAG_64 = 1 << 16;

    private static final int FLAG_OBJECT_AS_ID = 1 << 16;

    private static final VariantCodec GODOT_3 = new VariantCodec(VariantDialect.GODOT_3,
            DEFAULT_ENCODE_BUFFER_MAX_SIZE);

    private final VariantDialect dialect;

    private final int encodeBufferMaxSize;

    /**
     * @param dialect whose type ids to use
     * @param encodeBufferMaxSize the largest encoding {@link #encode} produces, in bytes
     * (the engine's {@code encode_buffer_max_size})
     */
    public VariantCodec(VariantDialect dialect, int encodeBufferMaxSize) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (encodeBufferMaxSize < 4) {
            throw new IllegalArgumentException(
                    "encodeBufferMaxSize must be at least 4 bytes, was " + encodeBufferMaxSize);
        }
        this.encodeBufferMaxSize = encodeBufferMaxSize;
    }

    /**
     * @return the Godot 3 codec with the engine's default size limit
     */
    public static VariantCodec godot3() {
        return GODOT_3;
    }

    /**
     * @param dialect a dialect
     * @return its codec with the engine's default size limit
     */
    public static VariantCodec of(VariantDialect dialect) {
        return (dialect == VariantDialect.GODOT_3) ? GODOT_3
                : new VariantCodec(dialect, DEFAULT_ENCODE_BUFFER_MAX_SIZE);
    }

    /**
     * @return the dialect
     */
    public VariantDialect dialect() {
        return this.dialect;
    }

    /**
     * @return the size limit of an encoding, in bytes
     */
    public int encodeBufferMaxSize() {
        return this.encodeBufferMaxSize;
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Encodes a value without whole objects, as {@code var2bytes(value)}.
     * @param value the value
     * @return the bytes
     * @throws VariantEncodingException when the value cannot be sent
     */
    public byte[] encode(@Nullable Object value) {
        return encode(value, false);
    }

    /**
     * Encodes a value, as {@code var2bytes(value, full_objects)}.
     * @param value the value
     * @param fullObjects whether a {@link GodotObject} may be sent whole
     * @return the bytes
     * @throws VariantEncodingException when the value cannot be sent
     */
    public byte[] encode(@Nullable Object value, boolean fullObjects) {
        Writer out = new Writer(this.encodeBufferMaxSize);
        try {
            write(out, value, fullObjects, 0);
        }
        catch (StackOverflowError ex) {
            throw new VariantEncodingException("Variant nested too deep for this thread's stack", false);
        }
        return out.toByteArray();
    }

    private void write(Writer out, @Nullable Object value, boolean fullObjects, int depth) {
        if (depth > MAX_DEPTH) {
            throw new VariantEncodingException(
                    "Variant nested deeper than " + MAX_DEPTH + " levels (or a map or list that contains itself)",
                    false);
        }
        if (value == null) {
            header(out, VariantType.NIL, 0);
        }
        else if (value instanceof Boolean bool) {
            header(out, VariantType.BOOL, 0);
            out.int32(bool ? 1 : 0);
        }
        else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (number == (int) number) {
                header(out, VariantType.INT, 0);
                out.int32((int) number);
            }
            else {
                header(out, VariantType.INT, FLAG_64);
                out.int64(number);
            }
        }
        else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // As the engine: 32 bits when the value survives the trip through a float
            // (NaN never does).
            if ((double) (float) number == number) {
                header(out, VariantType.REAL, 0);
                out.float32((float) number);
            }
            else {
                header(out, VariantType.REAL, FLAG_64);
                out.int64(Double.doubleToRawLongBits(number));
            }
        }
        else if (value instanceof String text) {
            header(out, VariantType.STRING, 0);
            out.string(text, false);
        }
        else if (value instanceof Map<?, ?> map) {
            header(out, VariantType.DICTIONARY, 0);
            out.int32(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey(), fullObjects, depth + 1);
                write(out, entry.getValue(), fullObjects, depth + 1);
            }
        }
        else if (value instanceof List<?> list) {
            header(out, VariantType.ARRAY, 0);
            out.int32(list.size());
            for (Object element : list) {
                write(out, element, fullObjects, depth + 1);
            }
        }
        else if (value.getClass() == Object[].class) {
            write(out, Arrays.asList((Object[]) value), fullObjects, depth);
        }
        else {
            writeOther(out, value, fullObjects, depth);
        }
    }

    private void writeOther(Writer out, Object value, boolean fullObjects, int depth) {
        if (value instanceof Vector2 v) {
            header(out, VariantType.VECTOR2, 0);
            vector2(out, v);
        }
        else if (value instanceof Rect2 r) {
            header(out, VariantType.RECT2, 0);
            vector2(out, r.position());
            vector2(out, r.size());
        }
        else if (value instanceof Vector3 v) {
            header(out, VariantType.VECTOR3, 0);
            vector3(out, v);
        }
        else if (value instanceof Transform2D t) {
            header(out, VariantType.TRANSFORM2D, 0);
            vector2(out, t.x());
            vector2(out, t.y());
            vector2(out, t.origin());
        }
        else if (value instanceof Plane p) {
            header(out, VariantType.PLANE, 0);
            vector3(out, p.normal());
            out.float32(p.d());
        }
        else if (value instanceof Quat q) {
            header(out, VariantType.QUAT, 0);
            floats(out, q.x(), q.y(), q.z(), q.w());
        }
        else if (value instanceof AABB box) {
            header(out, VariantType.AABB, 0);
            vector3(out, box.position());
            vector3(out, box.size());
        }
        else if (value instanceof Basis b) {
            header(out, VariantType.BASIS, 0);
            basis(out, b);
        }
        else if (value instanceof Transform t) {
            header(out, VariantType.TRANSFORM, 0);
            basis(out, t.basis());
            vector3(out, t.origin());
        }
        else if (value instanceof Color c) {
            header(out, VariantType.COLOR, 0);
            color(out, c);
        }
        else if (value instanceof NodePath path) {
            header(out, VariantType.NODE_PATH, 0);
            out.int32(path.names().size() | 0x80000000);
            out.int32(path.subnames().size());
            out.int32(path.absolute() ? 1 : 0);
            path.names().forEach((name) -> out.string(name, false));
            path.subnames().forEach((name) -> out.string(name, false));
        }
        else if (value instanceof RID) {
            header(out, VariantType.RID, 0);
        }
        else if (value instanceof ObjectId id) {
            header(out, VariantType.OBJECT, FLAG_OBJECT_AS_ID);
            out.int64(id.id());
        }
        else if (value instanceof GodotObject object) {
            if (!fullObjects) {
                throw new VariantEncodingException("A GodotObject (" + object.className() + ") is sent only with "
                        + "full objects (putVar(value, true)); without them the engine sends an instance id, "
                        + "which a Java value has not: send an ObjectId for that", false);
            }
            header(out, VariantType.OBJECT, 0);
            out.string(object.className(), false);
            out.int32(object.properties().size());
            for (Map.Entry<String, @Nullable Object> property : object.properties().entrySet()) {
                out.string(property.getKey(), false);
                write(out, property.getValue(), fullObjects, depth + 1);
            }
        }
        else {
            writePools(out, value);
        }
    }

    private void writePools(Writer out, Object value) {
        if (value instanceof byte[] bytes) {
            header(out, VariantType.POOL_BYTE_ARRAY, 0);
            out.int32(bytes.length);
            out.bytes(bytes, 0, bytes.length);
            out.pad();
        }
        else if (value instanceof int[] ints) {
            header(out, VariantType.POOL_INT_ARRAY, 0);
            out.int32(ints.length);
            for (int i : ints) {
                out.int32(i);
            }
        }
        else if (value instanceof float[] reals) {
            header(out, VariantType.POOL_REAL_ARRAY, 0);
            out.int32(reals.length);
            for (float f : reals) {
                out.float32(f);
            }
        }
        else if (value instanceof String[] strings) {
            header(out, VariantType.POOL_STRING_ARRAY, 0);
            out.int32(strings.length);
            for (String text : strings) {
                out.string(Objects.requireNonNull(text, "a PoolStringArray element is null"), true);
            }
        }
        else if (value instanceof Vector2[] vectors) {
            header(out, VariantType.POOL_VECTOR2_ARRAY, 0);
            out.int32(vectors.length);
            for (Vector2 v : vectors) {
                vector2(out, v);
            }
        }
        else if (value instanceof Vector3[] vectors) {
            header(out, VariantType.POOL_VECTOR3_ARRAY, 0);
            out.int32(vectors.length);
            for (Vector3 v : vectors) {
                vector3(out, v);
            }
        }
        else if (value instanceof Color[] colors) {
            header(out, VariantType.POOL_COLOR_ARRAY, 0);
            out.int32(colors.length);
            for (Color c : colors) {
                color(out, c);
            }
        }
        else {
            writePandemonium(out, value);
        }
    }

    private void writePandemonium(Writer out, Object value) {
        if (value instanceof StringName name) {
            header(out, VariantType.STRING_NAME, 0);
            out.string(name.name(), false);
        }
        else if (value instanceof Vector2i v) {
            header(out, VariantType.VECTOR2I, 0);
            ints(out, v.x(), v.y());
        }
        else if (value instanceof Vector3i v) {
            header(out, VariantType.VECTOR3I, 0);
            ints(out, v.x(), v.y(), v.z());
        }
        else if (value instanceof Rect2i r) {
            header(out, VariantType.RECT2I, 0);
            ints(out, r.position().x(), r.position().y(), r.size().x(), r.size().y());
        }
        else if (value instanceof Vector4 v) {
            header(out, VariantType.VECTOR4, 0);
            floats(out, v.x(), v.y(), v.z(), v.w());
        }
        else if (value instanceof Vector4i v) {
            header(out, VariantType.VECTOR4I, 0);
            ints(out, v.x(), v.y(), v.z(), v.w());
        }
        else {
            throw new VariantEncodingException("No Variant type for " + value.getClass().getName()
                    + ": send null, Boolean, a whole number, Float/Double, String, Map, List, a pool "
                    + "array (byte[], int[], float[], String[], Vector2[], Vector3[], Color[]) or a "
                    + "record of io.peersocket.variant", false);
        }
    }

    private void header(Writer out, VariantType type, int flags) {
        int id = this.dialect.id(type);
        if (id < 0) {
            throw new VariantEncodingException(type + " is not a Variant type of " + this.dialect, false);
        }
        out.int32(id | flags);
    }

    private static void vector2(Writer out, Vector2 v) {
        out.float32(v.x());
        out.float32(v.y());
    }

    private static void vector3(Writer out, Vector3 v) {
        out.float32(v.x());
        out.float32(v.y());
        out.float32(v.z());
    }

    private static void color(Writer out, Color c) {
        floats(out, c.r(), c.g(), c.b(), c.a());
    }

    // The engine sends a basis row by row; the record holds the axes, which are its
    // columns.
    private static void basis(Writer out, Basis b) {
        floats(out, b.x().x(), b.y().x(), b.z().x());
        floats(out, b.x().y(), b.y().y(), b.z().y());
        floats(out, b.x().z(), b.y().z(), b.z().z());
    }

    private static void floats(Writer out, float... values) {
        for (float value : values) {
            out.float32(value);
        }
    }

    private static void ints(Writer out, int... values) {
        for (int value : values) {
            out.int32(value);
        }
    }

    /** A little-endian growing buffer that refuses to pass the size limit. */
    private static final class Writer {

        private final int limit;

        private byte[] buffer = new byte[64];

        private int size;

        Writer(int limit) {
            this.limit = limit;
        }

        private void ensure(int more) {
            long needed = (long) this.size + more;
            if (needed > this.limit) {
                throw new VariantEncodingException(
                        "Variant encoding exceeds encode_buffer_max_size (" + this.limit + " bytes)", true);
            }
            if (needed > this.buffer.length) {
                this.buffer = Arrays.copyOf(this.buffer,
                        (int) Math.min(this.limit, Math.max(needed, (long) this.buffer.length * 2)));
            }
        }

        void int32(int value) {
            ensure(4);
            this.buffer[this.size++] = (byte) value;
            this.buffer[this.size++] = (byte) (value >>> 8);
            this.buffer[this.size++] = (byte) (value >>> 16);
            this.buffer[this.size++] = (byte) (value >>> 24);
        }

        void int64(long value) {
            int32((int) value);
            int32((int) (value >>> 32));
        }

        void float32(float value) {
            int32(Float.floatToRawIntBits(value));
        }

        void bytes(byte[] data, int offset, int length) {
            ensure(length);
            System.arraycopy(data, offset, this.buffer, this.size, length);
            this.size += length;
        }

        void pad() {
            int pad = (4 - (this.size & 3)) & 3;
            ensure(pad);
            this.size += pad; // the buffer is zero-filled
        }

        // A pool string array's strings carry a terminating NUL, counted in their length
        // (the engine's quirk).
        void string(String text, boolean nulTerminated) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int length = utf8.length + (nulTerminated ? 1 : 0);
            int32(length);
            bytes(utf8, 0, utf8.length);
            if (nulTerminated) {
                ensure(1);
                this.size++;
            }
            pad();
        }

        byte[] toByteArray() {
            return Arrays.copyOf(this.buffer, this.size);
        }

    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes a value without whole objects, as {@code bytes2var(bytes)}. Bytes after the
     * value are ignored, as by the engine.
     * @param bytes the bytes
     * @return the value
     * @throws VariantDecodingException when the bytes are not a valid Variant
     */
    public @Nullable Object decode(byte[] bytes) {
        return decode(bytes, false);
    }

    /**
     * Decodes a value, as {@code bytes2var(bytes, allow_objects)}.
     * @param bytes the bytes
     * @param allowObjects whether a whole object ({@link GodotObject}) is accepted; an
     * object sent by id ({@link ObjectId}) always is
     * @return the value
     * @throws VariantDecodingException when the bytes are not a valid Variant, or hold a
     * whole object and {@code allowObjects} is false
     */
    public @Nullable Object decode(byte[] bytes, boolean allowObjects) {
        Reader reader = new Reader(bytes, allowObjects);
        try {
            return reader.value(0);
        }
        catch (StackOverflowError ex) {
            throw reader.invalid("Variant nested too deep for this thread's stack");
        }
    }

    /**
     * One value read from inside a larger packet: the value and the bytes it took.
     *
     * @param value the value
     * @param length how many bytes it took, padding included
     */
    public record Decoded(@Nullable Object value, int length) {
    }

    /**
     * Decodes one value that starts at an offset, as the engine's {@code decode_variant}
     * with a {@code r_len}: for packets that hold several values one after another (the
     * arguments of a remote call).
     * @param bytes the packet
     * @param offset where the value starts
     * @param allowObjects as {@link #decode(byte[], boolean)}
     * @return the value and its length
     * @throws VariantDecodingException when the bytes there are not a valid Variant
     */
    public Decoded decodeAt(byte[] bytes, int offset, boolean allowObjects) {
        if (offset < 0 || offset > bytes.length) {
            throw new VariantDecodingException("Offset " + offset + " outside a packet of " + bytes.length + " bytes",
                    offset);
        }
        Reader reader = new Reader(bytes, allowObjects);
        reader.position = offset;
        reader.base = offset;
        try {
            Object value = reader.value(0);
            return new Decoded(value, reader.position - offset);
        }
        catch (StackOverflowError ex) {
            throw reader.invalid("Variant nested too deep for this thread's stack");
        }
    }

    /** Reads one packet; every read checks what is left first. */
    private final class Reader {

        private final byte[] data;

        private final boolean allowObjects;

        private int position;

        // Where the value starts: padding is counted from there, as the engine counts it
        // from the
        // value's own first byte (a remote call's arguments start at any offset).
        private int base;

        Reader(byte[] data, boolean allowObjects) {
            this.data = data;
            this.allowObjects = allowObjects;
        }

        private VariantDecodingException invalid(String message) {
            return new VariantDecodingException(message, this.position);
        }

        private int remaining() {
            return this.data.length - this.position;
        }

        private void need(long bytes, String what) {
            if (bytes > remaining()) {
                throw invalid("Truncated " + what + ": " + bytes + " bytes needed, " + remaining() + " left");
            }
        }

        private int int32(String what) {
            need(4, what);
            int p = this.position;
            this.position += 4;
            return (this.data[p] & 0xFF) | (this.data[p + 1] & 0xFF) << 8 | (this.data[p + 2] & 0xFF) << 16
                    | (this.data[p + 3] & 0xFF) << 24;
        }

        private long int64(String what) {
            need(8, what);
            long low = int32(what) & 0xFFFFFFFFL;
            long high = int32(what) & 0xFFFFFFFFL;
            return low | high << 32;
        }

        private float float32(String what) {
            return Float.intBitsToFloat(int32(what));
        }

        /**
         * A count of elements, each at least {@code minSize} bytes: checked before any
         * allocation.
         */
        private int count(String what, int minSize) {
            int count = int32(what + " count");
            if (count < 0 || (long) count * minSize > remaining()) {
                throw invalid(what + " count " + Integer.toUnsignedString(count) + " does not fit in the " + remaining()
                        + " bytes left");
            }
            return count;
        }

        private void skipPadding() {
            int pad = (4 - ((this.position - this.base) & 3)) & 3;
            // The engine does not require the padding of a packet's last value to be
            // there.
            this.position += Math.min(pad, remaining());
        }

        private String string(String what) {
            int length = count(what + " length", 1);
            int start = this.position;
            int end = start;
            boolean ascii = true;
            // As the engine's parse_utf8: the text ends at the first NUL.
            while (end < start + length && this.data[end] != 0) {
                ascii &= this.data[end] >= 0;
                end++;
            }
            String text = ascii ? new String(this.data, start, end - start, StandardCharsets.ISO_8859_1)
                    : utf8(start, end - start, what);
            this.position = start + length;
            skipPadding();
            return text;
        }

        // Strict: malformed input is invalid data, never replaced.
        private String utf8(int start, int length, String what) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(this.data, start, length))
                    .toString();
            }
            catch (CharacterCodingException ex) {
                throw invalid("Invalid UTF-8 in " + what);
            }
        }

        @Nullable Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw invalid("Variant nested deeper than " + MAX_DEPTH + " levels");
            }
            int start = this.position;
            int header = int32("Variant header");
            int id = header & 0xFF;
            VariantDialect dialect = VariantCodec.this.dialect;
            if (id >= dialect.typeCount()) {
                throw new VariantDecodingException("Unknown Variant type id " + id + " for " + dialect, start);
            }
            VariantType type = dialect.type(id);
            if (type == null) {
                throw new VariantDecodingException("Variant type id " + id + " of " + dialect + " is not supported",
                        start);
            }
            boolean flag = (header & FLAG_64) != 0;
            return switch (type) {
                case NIL -> null;
                case BOOL -> int32("bool") != 0;
                case INT -> flag ? int64("64-bit int") : (long) int32("int");
                case REAL -> flag ? Double.longBitsToDouble(int64("64-bit float")) : (double) float32("float");
                case STRING -> string("String");
                case VECTOR2 -> vector2();
                case RECT2 -> new Rect2(vector2(), vector2());
                case VECTOR3 -> vector3();
                case TRANSFORM2D -> new Transform2D(vector2(), vector2(), vector2());
                case PLANE -> new Plane(vector3(), float32("Plane"));
                case QUAT -> new Quat(float32("Quat"), float32("Quat"), float32("Quat"), float32("Quat"));
                case AABB -> new AABB(vector3(), vector3());
                case BASIS -> basis();
                case TRANSFORM -> new Transform(basis(), vector3());
                case COLOR -> color();
                case NODE_PATH -> nodePath();
                case RID -> new RID();
                case OBJECT -> object(flag, depth);
                case DICTIONARY -> dictionary(depth);
                case ARRAY -> array(depth);
                case POOL_BYTE_ARRAY -> byteArray();
                case POOL_INT_ARRAY -> intArray();
                case POOL_REAL_ARRAY -> realArray();
                case POOL_STRING_ARRAY -> stringArray();
                case POOL_VECTOR2_ARRAY -> vector2Array();
                case POOL_VECTOR3_ARRAY -> vector3Array();
                case POOL_COLOR_ARRAY -> colorArray();
                case STRING_NAME -> new StringName(string("StringName"));
                case VECTOR2I -> new Vector2i(int32("Vector2i"), int32("Vector2i"));
                case VECTOR3I -> new Vector3i(int32("Vector3i"), int32("Vector3i"), int32("Vector3i"));
                case RECT2I -> new Rect2i(new Vector2i(int32("Rect2i"), int32("Rect2i")),
                        new Vector2i(int32("Rect2i"), int32("Rect2i")));
                case VECTOR4 ->
                    new Vector4(float32("Vector4"), float32("Vector4"), float32("Vector4"), float32("Vector4"));
                case VECTOR4I ->
                    new Vector4i(int32("Vector4i"), int32("Vector4i"), int32("Vector4i"), int32("Vector4i"));
            };
        }

        private Vector2 vector2() {
            return new Vector2(float32("Vector2"), float32("Vector2"));
        }

        private Vector3 vector3() {
            return new Vector3(float32("Vector3"), float32("Vector3"), float32("Vector3"));
        }

        private Color color() {
            return new Color(float32("Color"), float32("Color"), float32("Color"), float32("Color"));
        }

        private Basis basis() {
            float[] rows = new float[9];
            need(36, "Basis");
            for (int i = 0; i < 9; i++) {
                rows[i] = float32("Basis");
            }
            return new Basis(new Vector3(rows[0], rows[3], rows[6]), new Vector3(rows[1], rows[4], rows[7]),
                    new Vector3(rows[2], rows[5], rows[8]));
        }

        private NodePath nodePath() {
            int nameCount = int32("NodePath");
            if ((nameCount & 0x80000000) == 0) {
                throw invalid("NodePath in the old string format, which the engine refuses too");
            }
            nameCount &= 0x7FFFFFFF;
            int subnameCount = int32("NodePath");
            int flags = int32("NodePath");
            if ((flags & 2) != 0) {
                subnameCount++; // an obsolete format kept the property apart from the
                                // sub-names
            }
            if (subnameCount < 0 || ((long) nameCount + subnameCount) * 4 > remaining()) {
                throw invalid("NodePath name count does not fit in the " + remaining() + " bytes left");
            }
            List<String> names = new ArrayList<>(nameCount);
            for (int i = 0; i < nameCount; i++) {
                names.add(string("NodePath name"));
            }
            List<String> subnames = new ArrayList<>(subnameCount);
            for (int i = 0; i < subnameCount; i++) {
                subnames.add(string("NodePath sub-name"));
            }
            return new NodePath(names, subnames, (flags & 1) != 0);
        }

        private @Nullable Object object(boolean asId, int depth) {
            if (asId) {
                long id = int64("object id");
                return (id != 0) ? new ObjectId(id) : null;
            }
            if (!this.allowObjects) {
                throw invalid("Object decoding is not allowed (allow_object_decoding is false): a whole object "
                        + "was sent");
            }
            String className = string("object class name");
            if (className.isEmpty()) {
                return null;
            }
            int count = count("object property", 8);
            Map<String, @Nullable Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = string("object property name");
                properties.put(name, value(depth + 1));
            }
            return new GodotObject(className, properties);
        }

        private Map<@Nullable Object, @Nullable Object> dictionary(int depth) {
            int count = int32("Dictionary count") & 0x7FFFFFFF; // the top bit once meant
                                                                // "shared"
            if ((long) count * 8 > remaining()) {
                throw invalid("Dictionary count " + count + " does not fit in the " + remaining() + " bytes left");
            }
            Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Object key = value(depth + 1);
                Object element = value(depth + 1);
                map.put(key, element);
            }
            return map;
        }

        private List<@Nullable Object> array(int depth) {
            int count = int32("Array count") & 0x7FFFFFFF;
            if ((long) count * 4 > remaining()) {
                throw invalid("Array count " + count + " does not fit in the " + remaining() + " bytes left");
            }
            List<@Nullable Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(value(depth + 1));
            }
            return list;
        }

        private byte[] byteArray() {
            int count = count("PoolByteArray", 1);
            byte[] bytes = Arrays.copyOfRange(this.data, this.position, this.position + count);
            this.position += count;
            skipPadding();
            return bytes;
        }

        private int[] intArray() {
            int count = count("PoolIntArray", 4);
            int[] ints = new int[count];
            for (int i = 0; i < count; i++) {
                ints[i] = int32("PoolIntArray");
            }
            return ints;
        }

        private float[] realArray() {
            int count = count("PoolRealArray", 4);
            float[] reals = new float[count];
            for (int i = 0; i < count; i++) {
                reals[i] = float32("PoolRealArray");
            }
            return reals;
        }

        private String[] stringArray() {
            int count = count("PoolStringArray", 4);
            String[] strings = new String[count];
            for (int i = 0; i < count; i++) {
                strings[i] = string("PoolStringArray element");
            }
            return strings;
        }

        private Vector2[] vector2Array() {
            int count = count("PoolVector2Array", 8);
            Vector2[] vectors = new Vector2[count];
            for (int i = 0; i < count; i++) {
                vectors[i] = vector2();
            }
            return vectors;
        }

        private Vector3[] vector3Array() {
            int count = count("PoolVector3Array", 12);
            Vector3[] vectors = new Vector3[count];
            for (int i = 0; i < count; i++) {
                vectors[i] = vector3();
            }
            return vectors;
        }

        private Color[] colorArray() {
            int count = count("PoolColorArray", 16);
            Color[] colors = new Color[count];
            for (int i = 0; i < count; i++) {
                colors[i] = color();
            }
            return colors;
        }

    }

}
