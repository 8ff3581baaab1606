package io.peersocket.variant;

/**
 * A value the codec cannot send: a Java type with no Variant counterpart, a type the
 * dialect lacks, a structure nested too deep (or a cycle), or an encoding larger than
 * {@code encode_buffer_max_size}.
 */
public class VariantEncodingException extends RuntimeException {

    /** Whether the encoding exceeded the size limit. */
    private final boolean tooLarge;

    /**
     * @param message what is wrong
     * @param tooLarge whether the value is valid but its encoding exceeds the size limit
     */
    public VariantEncodingException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /**
     * @return whether the encoding exceeded the size limit (the engine's
     * {@code ERR_OUT_OF_MEMORY})
     */
    public boolean tooLarge() {
        return this.tooLarge;
    }

}
