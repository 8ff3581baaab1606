/**
 * Internal, no compatibility promise: the server's servlet transport (Spring WebSocket on
 * the application's Tomcat or Jetty).
 */
@NullMarked
package io.peersocket.internal.server.servlet;

import org.jspecify.annotations.NullMarked;
