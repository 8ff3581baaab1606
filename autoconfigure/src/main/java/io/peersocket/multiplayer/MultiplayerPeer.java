package io.peersocket.multiplayer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.peersocket.peer.PeerError;
import io.peersocket.variant.VariantEncodingException;
import io.peersocket.variant.VariantSettings;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One side of the engine's multiplayer relay, as its {@code NetworkedMultiplayerPeer} /
 * {@code WebSocketMultiplayerPeer}: a unique id, the ids of the other peers, and packets
 * sent with a target. Targets: a peer id, {@link #TARGET_PEER_BROADCAST} (0) for
 * everybody, or {@code -N} for everybody but N. A peer never receives its own packets.
 * <p>
 * Every method is safe to call from any thread; {@link #putPacket(int, byte[])} names its
 * target and is the one to use from several threads at once.
 */
public interface MultiplayerPeer {

    /** The target that means every peer ({@code TARGET_PEER_BROADCAST}). */
    int TARGET_PEER_BROADCAST = RelayFrame.EVERYBODY;

    /** The server's id ({@code TARGET_PEER_SERVER}). */
    int TARGET_PEER_SERVER = RelayFrame.SERVER_ID;

    /**
     * @return this side's id ({@code get_unique_id}): 1 for the server
     */
    int getUniqueId();

    /**
     * Sets the target of later {@link #putPacket(byte[])} calls
     * ({@code set_target_peer}).
     * @param target a peer id, 0 for everybody, -N for everybody but N
     */
    void setTargetPeer(int target);

    /**
     * @return the target of {@link #putPacket(byte[])}
     */
    int getTargetPeer();

    /**
     * Sends to the {@link #setTargetPeer(int) target peer} ({@code put_packet}).
     * @param payload the bytes; not copied
     * @return as {@link #putPacket(int, byte[])}
     */
    default PeerError putPacket(byte[] payload) {
        return putPacket(getTargetPeer(), payload);
    }

    /**
     * Sends a payload to a target.
     * @param target a peer id, 0 for everybody, -N for everybody but N
     * @param payload the bytes; not copied
     * @return {@link PeerError#OK}; {@link PeerError#FAILED} for a single target that is
     * not connected; {@link PeerError#ERR_OUT_OF_MEMORY} when its output limit is full
     */
    PeerError putPacket(int target, byte[] payload);

    /**
     * Sends text as UTF-8 bytes (relay messages are always binary frames).
     * @param target as {@link #putPacket(int, byte[])}
     * @param text the text
     * @return as {@link #putPacket(int, byte[])}
     */
    default PeerError send(int target, String text) {
        return putPacket(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return how {@link #putVar(int, Object)} encodes Variants; the engine's defaults
     * unless configured
     */
    default VariantSettings variantSettings() {
        return VariantSettings.DEFAULT;
    }

    /**
     * Sends a value in the engine's Variant encoding to a target, as
     * {@code set_target_peer(target)} then {@code put_var(value)}. A receiver's payload
     * reads back with {@code variantSettings().codec().decode(payload)} or a
     * {@code @VariantPayload} parameter.
     * @param target as {@link #putPacket(int, byte[])}
     * @param value the value (see {@link io.peersocket.variant.VariantCodec} for the Java
     * types)
     * @return as {@link #putPacket(int, byte[])}; {@link PeerError#ERR_INVALID_PARAMETER}
     * for a value with no Variant type and {@link PeerError#ERR_OUT_OF_MEMORY} for one
     * past {@code encode_buffer_max_size} (nothing sent)
     */
    default PeerError putVar(int target, @Nullable Object value) {
        byte[] payload;
        try {
            payload = variantSettings().codec().encode(value);
        }
        catch (VariantEncodingException ex) {
            LogFactory.getLog(MultiplayerPeer.class).warn("put_var to " + target + " refused: " + ex.getMessage());
            return ex.tooLarge() ? PeerError.ERR_OUT_OF_MEMORY : PeerError.ERR_INVALID_PARAMETER;
        }
        return putPacket(target, payload);
    }

    /**
     * @return the ids of the other connected peers, ascending (the server's own id left
     * out)
     */
    List<Integer> getPeerIds();

    /**
     * @param id a peer id
     * @return whether that peer is connected
     */
    boolean hasPeer(int id);

    /**
     * @param refuse whether new connections are refused
     * ({@code set_refuse_new_connections})
     */
    void setRefuseNewConnections(boolean refuse);

    /**
     * @return whether new connections are refused
     */
    boolean isRefusingNewConnections();

}
