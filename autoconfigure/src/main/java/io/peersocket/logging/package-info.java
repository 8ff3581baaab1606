/**
 * Logging what clients control: their text escaped, and what they can trigger at will
 * kept out of the log at INFO and above (or logged once per peer).
 */
@NullMarked
package io.peersocket.logging;

import org.jspecify.annotations.NullMarked;
