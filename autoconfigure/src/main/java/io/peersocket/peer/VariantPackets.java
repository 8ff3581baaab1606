package io.peersocket.peer;

import io.peersocket.variant.VariantDecodingException;
import io.peersocket.variant.VariantEncodingException;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/** {@link Peer#putVar} and {@link Peer#getVar}, kept out of the interface. */
final class VariantPackets {

    private static final Log logger = LogFactory.getLog(VariantPackets.class);

    private VariantPackets() {
    }

    static PeerError put(Peer peer, @Nullable Object value, boolean fullObjects) {
        byte[] bytes;
        try {
            bytes = peer.variantSettings().codec().encode(value, fullObjects);
        }
        catch (VariantEncodingException ex) {
            logger.warn("put_var to peer " + peer.id() + " on " + peer.path() + " refused: " + ex.getMessage());
            return ex.tooLarge() ? PeerError.ERR_OUT_OF_MEMORY : PeerError.ERR_INVALID_PARAMETER;
        }
        return peer.putPacket(bytes);
    }

    static VariantResult get(Peer peer, boolean allowObjects) {
        Packet packet = peer.nextPacket();
        if (packet == null) {
            return new VariantResult(PeerError.ERR_UNAVAILABLE, null);
        }
        VariantSettings settings = peer.variantSettings();
        try {
            return new VariantResult(PeerError.OK, settings.codec().decode(packet.data(), allowObjects));
        }
        catch (VariantDecodingException ex) {
            logger.warn(
                    "get_var from peer " + peer.id() + " on " + peer.path() + ": invalid " + settings.codec().dialect()
                            + " Variant of " + packet.data().length + " bytes: " + ex.getMessage());
            return new VariantResult(PeerError.ERR_INVALID_DATA, null);
        }
    }

}
