package io.peersocket.variant;

/**
 * Bytes that are not a valid Variant of the dialect: truncated, a length or count past
 * the end, an unknown type id, too deep, invalid UTF-8, or an object when objects are not
 * allowed. The engine answers all of these with {@code ERR_INVALID_DATA} (or
 * {@code ERR_UNAUTHORIZED} for an object), and so do the peer methods.
 */
public class VariantDecodingException extends RuntimeException {

    /** Where in the bytes the problem was found. */
    private final int offset;

    /**
     * @param message what is wrong
     * @param offset where in the bytes it was found
     */
    public VariantDecodingException(String message, int offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /**
     * @return where in the bytes the problem was found
     */
    public int offset() {
        return this.offset;
    }

}
