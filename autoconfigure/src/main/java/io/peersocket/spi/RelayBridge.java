package io.peersocket.spi;

import io.peersocket.multiplayer.RelayServer;

/**
 * Where a {@link RelayServer} sends what is for clients it does not hold: the extension
 * point through which a relay spans several instances (see
 * {@code io.peersocket.cluster}). The instance that holds those clients hands the frame
 * to its own relay's {@code deliverFromElsewhere(int, byte[])}, and tells it of them with
 * {@code joinedElsewhere(int)} and {@code leftElsewhere(int)} (the internal relay's
 * methods).
 */
public interface RelayBridge {

    /** No other instance. */
    RelayBridge NONE = (relay, to, frame) -> false;

    /**
     * @param relay the relay the frame comes from
     * @param to a client of another instance, 0 for every client of the others, -N for
     * every client of the others but N
     * @param frame the whole frame, header included; not to be changed
     * @return for a client: whether it is known elsewhere and the frame on its way; for 0
     * and -N: whether the other instances have it
     */
    boolean forward(RelayServer relay, int to, byte[] frame);

}
