/**
 * Internal, no compatibility promise. Authentication before the upgrade on the dedicated
 * port, which has no servlet filters and no WebFlux security chain: Spring Security's own
 * {@code ServerAuthenticationConverter} and {@code ReactiveAuthenticationManager} (a
 * {@code JwtDecoder} included) run on the upgrade request.
 */
@NullMarked
package io.peersocket.internal.server.security;

import org.jspecify.annotations.NullMarked;
