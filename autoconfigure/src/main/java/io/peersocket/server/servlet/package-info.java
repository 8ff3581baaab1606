/**
 * The servlet transport of the server.
 */
@NullMarked
package io.peersocket.server.servlet;

import org.jspecify.annotations.NullMarked;
