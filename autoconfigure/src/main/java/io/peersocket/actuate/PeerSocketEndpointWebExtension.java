package io.peersocket.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP statuses for {@link PeerSocketEndpoint}'s disconnect: 404 when no such peer is
 * open, 400 when the code or reason cannot be sent (instead of 204 and 500).
 */
@EndpointWebExtension(endpoint = PeerSocketEndpoint.class)
public class PeerSocketEndpointWebExtension {

    private final PeerSocketEndpoint delegate;

    /**
     * @param delegate the endpoint
     */
    public PeerSocketEndpointWebExtension(PeerSocketEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * {@code DELETE /actuator/peersocket/{id}?code=4000&reason=...}.
     * @param id the peer
     * @param code the close code (default 1000)
     * @param reason the reason (default empty)
     * @return 200 with what was sent, 404 or 400
     */
    @DeleteOperation
    public WebEndpointResponse<?> disconnect(@Selector int id, @Nullable Integer code, @Nullable String reason) {
        try {
            PeerSocketEndpoint.DisconnectDescriptor done = this.delegate.disconnect(id, code, reason);
            if (done == null) {
                return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
            }
            return new WebEndpointResponse<>(done);
        }
        catch (IllegalArgumentException ex) {
            return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

}
