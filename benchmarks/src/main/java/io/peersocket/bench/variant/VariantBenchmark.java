package io.peersocket.bench.variant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.peersocket.variant.Vector2;
import io.peersocket.variant.VariantCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * A typical game state, a Dictionary of 50 entities (Vector2 position, float rotation,
 * int hp, String name), encoded and decoded with the engine's Variant encoding
 * ({@link VariantCodec}, what {@code put_var} / {@code get_var} use) and with Jackson
 * JSON of the same data as records (what a {@code @DataReceived} record parameter uses).
 * Run with
 * {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main VariantBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VariantBenchmark {

    /** One entity, as JSON sees it. */
    public record Entity(Position position, float rotation, int hp, String name) {
    }

    /** A position, as JSON sees it. */
    public record Position(float x, float y) {
    }

    /** The state, as JSON sees it: entities by key, as the Dictionary. */
    public record GameState(Map<String, Entity> entities) {
    }

    private final VariantCodec codec = VariantCodec.godot3();

    private final JsonMapper json = JsonMapper.builder().build();

    private Map<String, Object> variantState;

    private GameState jsonState;

    private byte[] variantBytes;

    private byte[] jsonBytes;

    @Setup
    public void setUp() {
        Map<String, Object> entities = new LinkedHashMap<>();
        Map<String, Entity> records = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            float x = i * 12.5f;
            float y = 300 - i * 3.25f;
            float rotation = i * 0.125f;
            int hp = 100 - i;
            String name = "entity-" + i;
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("position", new Vector2(x, y));
            entity.put("rotation", rotation);
            entity.put("hp", hp);
            entity.put("name", name);
            entities.put("e" + i, entity);
            records.put("e" + i, new Entity(new Position(x, y), rotation, hp, name));
        }
        this.variantState = Map.of("entities", entities);
        this.jsonState = new GameState(records);
        this.variantBytes = this.codec.encode(this.variantState);
        this.jsonBytes = this.json.writeValueAsBytes(this.jsonState);
    }

    @Benchmark
    public byte[] variantEncode() {
        return this.codec.encode(this.variantState);
    }

    @Benchmark
    public Object variantDecode() {
        return this.codec.decode(this.variantBytes);
    }

    @Benchmark
    public byte[] jsonEncode() {
        return this.json.writeValueAsBytes(this.jsonState);
    }

    @Benchmark
    public GameState jsonDecode() {
        return this.json.readValue(this.jsonBytes, GameState.class);
    }

    /** Prints the encoded sizes. */
    public static void main(String[] args) {
        VariantBenchmark benchmark = new VariantBenchmark();
        benchmark.setUp();
        System.out
            .println("Variant bytes: " + benchmark.variantBytes.length + ", JSON bytes: " + benchmark.jsonBytes.length);
    }

}
