package io.peersocket.internal.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The engine's subprotocol rule: the first protocol in the client's list that the server
 * also offers wins. A server that offers none accepts every client and selects none; a
 * server that offers some refuses a client that asked for none of them, or for none at
 * all.
 */
public final class SubprotocolRule {

    private SubprotocolRule() {
    }

    /**
     * @param offered the server's protocols, in its order
     * @param requested the client's {@code Sec-WebSocket-Protocol} values, in its order
     * @return the selected protocol, {@code ""} for none, or {@code null} when the
     * upgrade must be refused
     */
    public static @Nullable String select(List<String> offered, List<String> requested) {
        if (offered.isEmpty()) {
            return "";
        }
        for (String protocol : requested) {
            if (offered.contains(protocol)) {
                return protocol;
            }
        }
        return null;
    }

}
