package io.peersocket.variant;

import java.util.Objects;

/**
 * How one endpoint or client connection reads and writes Variants ({@code put_var},
 * {@code get_var}): the codec (dialect and {@code encode_buffer_max_size}) and whether
 * {@code get_var()} decodes whole objects by default ({@code allow_object_decoding}).
 *
 * @param codec the codec
 * @param allowObjectDecoding whether whole objects are decoded when the caller does not
 * say; false by default, as in the engine
 */
public record VariantSettings(VariantCodec codec, boolean allowObjectDecoding) {

    /** Godot 3, 8 MiB, no object decoding: the engine's defaults. */
    public static final VariantSettings DEFAULT = new VariantSettings(VariantCodec.godot3(), false);

    /**
     * Checks that no component is null.
     * @param codec the codec
     * @param allowObjectDecoding whether whole objects are decoded when the caller does
     * not say; false by default, as in the engine
     */
    public VariantSettings {
        Objects.requireNonNull(codec, "codec");
    }

}
