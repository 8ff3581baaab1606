/**
 * Internal, no compatibility promise. Keeps the JVM of a non-web application running
 * while peersocket has something to serve or to stay connected to, as a web server does
 * for a web application.
 */
@NullMarked
package io.peersocket.internal.keepalive;

import org.jspecify.annotations.NullMarked;
