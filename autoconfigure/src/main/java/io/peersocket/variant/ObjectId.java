package io.peersocket.variant;

/**
 * An object sent by reference: what {@code put_var(object)} sends without
 * {@code full_objects}, the sender's instance id (the engine's
 * {@code EncodedObjectAsID}). It is always decoded, because it creates nothing.
 *
 * @param id the sender's instance id, never 0 (a 0 id arrives as {@code null})
 */
public record ObjectId(long id) {
}
