package io.peersocket.variant;

/**
 * The engine's {@code RID}. The engine sends only the type: a resource id means nothing
 * in another process, so every RID arrives as the empty one.
 */
public record RID() {
}
