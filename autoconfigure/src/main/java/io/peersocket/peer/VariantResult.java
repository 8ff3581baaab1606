package io.peersocket.peer;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Peer#getVar()} read: the engine's {@code get_var} returns the value and
 * reports its error apart; here both come together.
 *
 * @param error {@link PeerError#OK}; {@link PeerError#ERR_UNAVAILABLE} when no packet was
 * queued; {@link PeerError#ERR_INVALID_DATA} when the packet is not a valid Variant (or
 * holds a whole object and objects are not allowed)
 * @param value the value; {@code null} for NIL and whenever the error is not OK
 */
public record VariantResult(PeerError error, @Nullable Object value) {

    /**
     * @return whether a value was read
     */
    public boolean ok() {
        return this.error == PeerError.OK;
    }

}
