package io.peersocket.variant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The codec's rules without the engine: round trips, the engine's number widths, and
 * every kind of bad input answered with a {@link VariantDecodingException}, never another
 * exception and never an allocation beyond the packet. (VariantGodotTest checks the bytes
 * against Godot.)
 */
class VariantCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private final VariantCodec codec = VariantCodec.godot3();

    private byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    @Test
    void numbersTakeTheEngineWidth() {
        assertThat(HEX.formatHex(this.codec.encode(5))).isEqualTo("0200000005000000");
        assertThat(HEX.formatHex(this.codec.encode(5L))).isEqualTo("0200000005000000");
        assertThat(HEX.formatHex(this.codec.encode(1L << 40))).isEqualTo("020001000000000000010000");
        assertThat(HEX.formatHex(this.codec.encode(0.5f))).isEqualTo("030000000000003f");
        assertThat(HEX.formatHex(this.codec.encode(0.5))).isEqualTo("030000000000003f");
        assertThat(HEX.formatHex(this.codec.encode(0.1))).isEqualTo("030001009a9999999999b93f");
        // NaN never survives the engine's float round-trip test, so it goes in 64 bits.
        assertThat(this.codec.encode(Double.NaN)).hasSize(12);
        assertThat(this.codec.decode(this.codec.encode(5))).isEqualTo(5L);
        assertThat(this.codec.decode(this.codec.encode(0.5f))).isEqualTo(0.5);
    }

    @Test
    void roundTripsEveryType() {
        Map<String, Object> values = VariantGodotTest.expectedValues();
        values.forEach((name, wrapped) -> {
            Object value = VariantGodotTest.unwrap(name, wrapped);
            boolean full = name.equals("object_full");
            assertThat(Variants.deepEquals(this.codec.decode(this.codec.encode(value, full), full), value)).as(name)
                .isTrue();
        });
        Map<String, Object> all = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!name.equals("object_full")) {
                all.put(name, VariantGodotTest.unwrap(name, value));
            }
        });
        Object decoded = this.codec.decode(this.codec.encode(all));
        assertThat(Variants.deepEquals(decoded, all)).isTrue();
        assertThat(new ArrayList<Object>(((Map<?, ?>) decoded).keySet())).containsExactlyElementsOf(all.keySet());
    }

    @Test
    void objectsAreDecodedOnlyWhenAllowed() {
        GodotObject object = new GodotObject("Reference", Map.of("name", "x"));
        byte[] bytes = this.codec.encode(object, true);
        assertThatThrownBy(() -> this.codec.decode(bytes)).isInstanceOf(VariantDecodingException.class)
            .hasMessageContaining("Object decoding is not allowed");
        assertThat(this.codec.decode(bytes, true)).isEqualTo(object);
        // Godot 3.2.3's var2bytes(Reference.new()): an instance id, decoded whatever the
        // setting.
        assertThat(this.codec.decode(hex("110001000805000000000000"))).isEqualTo(new ObjectId(0x508));
        assertThat(this.codec.decode(hex("11000100 0000000000000000"))).isNull();
        assertThatThrownBy(() -> this.codec.encode(object)).isInstanceOf(VariantEncodingException.class)
            .hasMessageContaining("full objects");
    }

    @Test
    void unsupportedJavaValuesAreRefusedByName() {
        assertThatThrownBy(() -> this.codec.encode(new Object())).isInstanceOf(VariantEncodingException.class)
            .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> this.codec.encode(new Vector2i(1, 2))).isInstanceOf(VariantEncodingException.class)
            .hasMessageContaining("VECTOR2I is not a Variant type of GODOT_3");
    }

    @Test
    void encodeBufferMaxSizeIsHonoured() {
        VariantCodec small = new VariantCodec(VariantDialect.GODOT_3, 64);
        assertThat(small.encode(new byte[56])).hasSize(64);
        assertThatThrownBy(() -> small.encode(new byte[57])).isInstanceOfSatisfying(VariantEncodingException.class,
                (ex) -> assertThat(ex.tooLarge()).isTrue());
    }

    @Test
    void cyclesAndDeepNestingAreRefusedWhenEncoding() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> this.codec.encode(cycle)).isInstanceOf(VariantEncodingException.class)
            .hasMessageContaining("deeper than 256");
    }

    @Test
    void badInputIsInvalidData() {
        assertInvalid("", "Truncated Variant header");
        assertInvalid("020000", "Truncated");
        assertInvalid("02000100 01000000", "Truncated 64-bit int");
        assertInvalid("ff000000", "Unknown Variant type id 255");
        assertInvalid("1b000000", "Unknown Variant type id 27");
        // A string, a pool array, an array and a dictionary claiming far more than the
        // packet holds.
        assertInvalid("04000000 ffffff7f 61616161", "does not fit");
        assertInvalid("14000000 ffffff7f 00000000", "does not fit");
        assertInvalid("15000000 ffffff3f 00000000", "does not fit");
        assertInvalid("19000000 ffffff0f", "does not fit");
        assertInvalid("13000000 ffffff7f 00000000", "does not fit");
        assertInvalid("12000000 ffffff7f 00000000", "does not fit");
        assertInvalid("17000000 ffffff7f 00000000", "does not fit");
        assertInvalid("0f000000 ffffffff ffffff7f 00000000", "does not fit");
        assertInvalid("04000000 03000000 c3286100", "Invalid UTF-8");
        assertInvalid("0f000000 01000000", "old string format");
        assertInvalid("11000000 04000000 4e6f6465 00000000", "Object decoding is not allowed");
        // Nesting: 2000 arrays of one element each.
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            deep.append("13000000 01000000 ");
        }
        deep.append("00000000");
        assertInvalid(deep.toString(), "deeper than 256");
    }

    @Test
    void nestingUpToTheEngineLimitIsRead() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            deep.append("13000000 01000000 ");
        }
        deep.append("00000000");
        assertThat(this.codec.decode(hex(deep.toString()))).isInstanceOf(List.class);
    }

    @Test
    void stringsEndAtTheFirstNulAsInTheEngine() {
        assertThat(this.codec.decode(hex("04000000 03000000 61006200"))).isEqualTo("a");
        assertThat(this.codec.decode(hex("040000000300000061626300 ffff"))).isEqualTo("abc"); // trailing
                                                                                              // bytes
                                                                                              // ignored
    }

    private void assertInvalid(String bytes, String message) {
        assertThatThrownBy(() -> this.codec.decode(hex(bytes))).isInstanceOf(VariantDecodingException.class)
            .hasMessageContaining(message);
    }

    /**
     * Seeded random mutations of valid encodings (bit flips, truncations, forged counts,
     * random bytes): decoding either succeeds or throws VariantDecodingException, never
     * anything else (no IndexOutOfBounds, no OutOfMemoryError, no StackOverflowError).
     */
    @Test
    void fuzzedInputNeverEscapesAsAnotherException() {
        Random random = new Random(20261203L);
        List<byte[]> seeds = new ArrayList<>();
        VariantGodotTest.expectedValues()
            .forEach((name, value) -> seeds.add(this.codec.encode(VariantGodotTest.unwrap(name, value), true)));
        Map<String, Object> all = new LinkedHashMap<>(VariantGodotTest.expectedValues());
        all.remove("object_full");
        seeds.add(this.codec.encode(all));
        // Pandemonium reads the same bytes with other type ids: more shapes of bad input.
        List<VariantCodec> codecs = List.of(this.codec, VariantCodec.of(VariantDialect.PANDEMONIUM));
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < 30_000; round++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] bytes = mutate(seed, random);
            try {
                codecs.get(round % 2).decode(bytes, random.nextBoolean());
                decoded++;
            }
            catch (VariantDecodingException ex) {
                refused++;
            }
        }
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = Arrays.copyOf(seed, seed.length);
        switch (random.nextInt(5)) {
            case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                // forge a 32-bit word (a count, a length or a header) at an aligned
                // offset
                int at = random.nextInt(bytes.length / 4) * 4;
                int forged = switch (random.nextInt(4)) {
                    case 0 -> Integer.MAX_VALUE;
                    case 1 -> -1;
                    case 2 -> random.nextInt(64);
                    default -> random.nextInt();
                };
                bytes[at] = (byte) forged;
                bytes[at + 1] = (byte) (forged >>> 8);
                bytes[at + 2] = (byte) (forged >>> 16);
                bytes[at + 3] = (byte) (forged >>> 24);
            }
            case 3 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
                }
            }
            default -> {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            }
        }
        return bytes;
    }

}
